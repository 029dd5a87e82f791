package org.jheartbeat.core.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resource agent built into jheartbeat, with OCF semantics: start succeeds when already
 * started, stop succeeds when already stopped, monitor answers SUCCESS (running) or NOT_RUNNING.
 *
 * <p>Agents are found with {@link java.util.ServiceLoader} under their haresources name
 * ({@code IPaddr2}, {@code ldirectord}, ...). An action may block; the manager runs it on a
 * virtual thread and interrupts it when its timeout passes, so long waits must be interruptible.
 */
public interface ResourceAgent {

    /** The name used in haresources, e.g. {@code IPaddr2} in {@code IPaddr2::10.0.0.5/24/eth0}. */
    String name();

    /**
     * Turns haresources' positional arguments ({@code NAME::arg1::arg2}) into this agent's OCF
     * parameters, the way Heartbeat's resource.d wrapper for the agent does.
     */
    Map<String, String> parameters(List<String> positional) throws InvalidParametersException;

    /** Checks parameters without touching the system (OCF validate-all). */
    ActionResult validate(AgentContext context, Map<String, String> parameters);

    ActionResult start(AgentContext context, Map<String, String> parameters);

    ActionResult stop(AgentContext context, Map<String, String> parameters);

    /**
     * A stop that runs {@code whenGone} once the resource is gone, before it returns success;
     * never when it fails, and at most once. The manager hands the peer a hand-over's release
     * notice there, and the peer's clients have no service until it has it: an agent that can tell
     * the moment nothing can fail its stop any more (an address agent: the kernel acknowledged
     * the removal and whatever must be put back is back) runs {@code whenGone} then, ahead of the
     * rest of its stop (closing its socket, returning, the manager's bookkeeping). The default
     * runs it after {@link #stop(AgentContext, Map)} succeeded.
     */
    default ActionResult stop(AgentContext context, Map<String, String> parameters, Runnable whenGone) {
        ActionResult stopped = stop(context, parameters);
        if (stopped.isSuccess()) {
            whenGone.run();
        }
        return stopped;
    }

    /** SUCCESS when running, NOT_RUNNING when cleanly stopped, anything else is a failure. */
    ActionResult monitor(AgentContext context, Map<String, String> parameters);

    /**
     * True when {@link #start} itself finds out whether the resource already runs, and then
     * answers {@link ActionResult#alreadyRunning()} without touching it. The manager then leaves
     * out its status probe before the start: for an address that probe reads the same tables as
     * the start does, and in a takeover it cost a millisecond of the time without service.
     */
    default boolean startFindsRunning() {
        return false;
    }

    /**
     * True when {@link #stop} only asks the kernel for changes: no process to run, nothing to
     * wait for. The manager then runs a stop that completes a hand-over on a realtime thread:
     * from the address's removal until the peer has it clients have no service, and a normal
     * thread could be held up in that window by any busy thread of the node (the compiler, the
     * log writer, the services): traced, the removal alone took up to 2.8 ms then, and the
     * switch-over gap's p95 went from 6.1 to 4.1 ms (15 hand-overs each) with the release raised.
     */
    default boolean stopsWithinKernel() {
        return false;
    }

    /**
     * Tells the network again where the running resource lives (gratuitous ARP for an address).
     * The manager calls it on the node that keeps a group after a partition heals, because the
     * other side's announcements may have poisoned neighbours' caches. Agents that announce
     * nothing have nothing to repeat: SUCCESS. Agents that do answer NOT_RUNNING when the
     * resource is not running here.
     */
    default ActionResult reannounce(AgentContext context, Map<String, String> parameters) {
        return ActionResult.success();
    }

    /**
     * Gets the code a takeover runs ready before one is needed, without changing anything on
     * the system: a daemon may run for months before its first takeover, which should not then
     * be spent loading classes and interpreting (a daemon's first takeover took about 70 ms more
     * between the dead verdict and the gratuitous ARP than later ones, measured with IPaddr2). The
     * manager calls it once, when it starts; the outcome only matters for speed. The default runs
     * validate-all once.
     */
    default ActionResult warmUp(AgentContext context, Map<String, String> parameters) {
        return validate(context, parameters);
    }

    /**
     * Gets this resource's start ready to be fired later from another thread, changing nothing
     * now (see {@link PreparedStart}); empty when this agent or this configuration has no such
     * start (the default), or when the start would not be a plain one (the resource already
     * runs, or it must first undo something). A resource with a prepared start must still start
     * the ordinary way when the preparation is never fired.
     */
    default Optional<PreparedStart> prepareStart(AgentContext context, Map<String, String> parameters) {
        return Optional.empty();
    }

    /** The OCF meta-data XML (ra-api-1.dtd). */
    String metaData();

    /** How long the manager lets an action run before it counts as failed. */
    default Duration timeout(String action) {
        return Duration.ofSeconds(20);
    }
}
