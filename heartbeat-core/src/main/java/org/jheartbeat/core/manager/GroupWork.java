package org.jheartbeat.core.manager;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.OcfResult;
import org.jheartbeat.core.agent.PreparedStart;
import org.jheartbeat.core.agent.ResourceAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops one resource group the way Heartbeat's ResourceManager does: start runs
 * left to right and skips what already runs (asking the agent's status first, unless its start
 * finds that out itself); stop runs right to left and stops every resource,
 * running or not (every stop is idempotent). Each agent action has its timeout; an action
 * still running then is interrupted and counts as failed. Blocking: run it on a virtual thread,
 * which runs the agents' actions itself.
 */
final class GroupWork {

    private static final Logger LOG = LoggerFactory.getLogger("ResourceManager");

    /** Interrupts actions that outlive their timeout; one thread for every group's work. */
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    private static final Runnable NOTHING = () -> { };

    private final AgentContext context;

    GroupWork(AgentContext context) {
        this.context = context;
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1,
                task -> Thread.ofPlatform().name("action-timeouts").daemon().unstarted(task));
        watchdog.setRemoveOnCancelPolicy(true);
        return watchdog;
    }

    /**
     * True when every resource runs at the end. Stops at the first failure (the caller stops the
     * group). A resource that {@code ahead} found stopped is not probed again. The first
     * resources may have been started ahead ({@code fired}, see {@link ArmedTakeover}): they
     * finish their start instead; this closes them.
     */
    boolean start(ManagedGroup group, AdvanceProbe ahead, List<PreparedStart> fired, LongSupplier clockMillis) {
        try {
            return startInOrder(group, ahead, fired, clockMillis);
        } finally {
            fired.forEach(PreparedStart::close);
        }
    }

    private boolean startInOrder(ManagedGroup group, AdvanceProbe ahead, List<PreparedStart> fired,
                                 LongSupplier clockMillis) {
        LOG.info("Acquiring resource group: {}", group.describe());
        List<ManagedResource> resources = group.resources();
        for (int i = 0; i < resources.size(); i++) {
            ManagedResource resource = resources.get(i);
            if (i < fired.size()) {
                ActionResult finished = run(resource, Action.FINISH, fired.get(i), NOTHING);
                if (!finished.isSuccess()) {
                    LOG.error("Return code {} from {} start{}", finished.result().code(), resource.token(),
                            finished.reason().isEmpty() ? "" : ": " + finished.reason());
                    return false;
                }
                continue;
            }
            boolean probeFirst = !ahead.showsStopped(resource.token(), clockMillis.getAsLong())
                    && !resource.agent().startFindsRunning();
            ActionResult started = probeFirst && running(resource)
                    ? ActionResult.alreadyRunning() : run(resource, Action.START);
            if (!started.isSuccess()) {
                LOG.error("Return code {} from {} start{}", started.result().code(), resource.token(),
                        started.reason().isEmpty() ? "" : ": " + started.reason());
                return false;
            }
            if (started.isAlreadyRunning()) {
                LOG.info("Resource {} is already running", resource.token());
            }
        }
        return true;
    }

    /**
     * Probes the resources of the group whose start does not look for itself; the result names
     * those found stopped.
     */
    AdvanceProbe probe(ManagedGroup group, long validUntil) {
        Set<String> stopped = new HashSet<>();
        for (ManagedResource resource : group.resources()) {
            if (!resource.agent().startFindsRunning() && !running(resource)) {
                stopped.add(resource.token());
            }
        }
        return new AdvanceProbe(stopped, validUntil);
    }

    private boolean running(ManagedResource resource) {
        ActionResult status = run(resource, Action.MONITOR);
        return status.isSuccess();
    }

    /** True when every resource stopped; runs every stop even after a failure. */
    boolean stop(ManagedGroup group) {
        return stop(group, NOTHING);
    }

    /**
     * {@link #stop(ManagedGroup)}, running {@code whenReleased} once every resource is gone: as
     * soon as the last one's agent says so ({@link ResourceAgent#stop(AgentContext, java.util.Map,
     * Runnable)}), ahead of that agent's tail and this method's return; not at all when a stop
     * fails. Should the last stop time out after its agent said the resource was gone, the
     * notice has gone out (the resource is gone) and the stop still counts as failed.
     */
    boolean stop(ManagedGroup group, Runnable whenReleased) {
        LOG.info("Releasing resource group: {}", group.describe());
        boolean allStopped = true;
        List<ManagedResource> resources = group.resources();
        for (int i = resources.size() - 1; i >= 0; i--) {
            ManagedResource resource = resources.get(i);
            Runnable whenGone = i == 0 && allStopped ? whenReleased : NOTHING;
            ActionResult stopped = run(resource, Action.STOP, null, whenGone);
            if (!stopped.isSuccess()) {
                LOG.error("Return code {} from {} stop{}", stopped.result().code(), resource.token(),
                        stopped.reason().isEmpty() ? "" : ": " + stopped.reason());
                allStopped = false;
            }
        }
        return allStopped;
    }

    /**
     * Warms every resource of the group up ({@link org.jheartbeat.core.agent.ResourceAgent#warmUp}).
     * Outcomes are only logged for debugging: a resource that fails here fails where it matters,
     * at start, with its error then.
     */
    void prepare(ManagedGroup group) {
        for (ManagedResource resource : group.resources()) {
            ActionResult result = run(resource, Action.WARM_UP);
            LOG.debug("{} warmed up for a takeover: {}", resource.token(), result);
        }
    }

    /** Announces the group's addresses again (after a healed partition). */
    void reannounce(ManagedGroup group) {
        for (ManagedResource resource : group.resources()) {
            ActionResult result = run(resource, Action.REANNOUNCE);
            if (!result.isSuccess() && result.result() != OcfResult.NOT_RUNNING) {
                LOG.warn("{}: announcing again failed: {}", resource.token(), result.reason());
            }
        }
    }

    /**
     * The agent actions the manager runs. One enum rather than a lambda per action: the worker
     * below is then the same call site for all of them, linked by the warm-up, so a daemon's
     * first takeover does not bind new lambdas (a fraction of a millisecond each).
     */
    private enum Action {
        START("start"), STOP("stop"), MONITOR("monitor"), WARM_UP("warm-up"), REANNOUNCE("reannounce"),
        /** The rest of a start fired ahead ({@link PreparedStart#finish}). */
        FINISH("start");

        final String word;

        Action(String word) {
            this.word = word;
        }

        ActionResult on(ManagedResource resource, AgentContext context, PreparedStart fired, Runnable whenGone) {
            ResourceAgent agent = resource.agent();
            return switch (this) {
                case FINISH -> fired.finish();
                case START -> agent.start(context, resource.parameters());
                case STOP -> agent.stop(context, resource.parameters(), whenGone);
                case MONITOR -> agent.monitor(context, resource.parameters());
                case WARM_UP -> agent.warmUp(context, resource.parameters());
                case REANNOUNCE -> agent.reannounce(context, resource.parameters());
            };
        }
    }

    /**
     * Runs the action on the calling thread (a hand-off to a worker thread cost a tenth of a
     * millisecond and more of every takeover) and interrupts it when its timeout passes, as the
     * agent contract says; an action that ends after that counts as failed.
     */
    private ActionResult run(ManagedResource resource, Action call) {
        return run(resource, call, null, NOTHING);
    }

    /** {@code fired} is for {@link Action#FINISH}, {@code whenGone} for {@link Action#STOP}. */
    private ActionResult run(ManagedResource resource, Action call, PreparedStart fired, Runnable whenGone) {
        String action = call.word;
        Duration timeout = resource.agent().timeout(action);
        ActionDeadline deadline = new ActionDeadline(Thread.currentThread());
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(deadline::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        ActionResult result;
        try {
            result = call.on(resource, context, fired, whenGone);
        } catch (RuntimeException e) {
            result = ActionResult.of(OcfResult.ERR_GENERIC, e.toString());
        } finally {
            watchdog.cancel(false);
        }
        if (deadline.ended()) {
            return result;
        }
        LOG.error("{} {} timed out after {} ms", resource.token(), action, timeout.toMillis());
        return ActionResult.of(OcfResult.ERR_GENERIC, action + " timed out");
    }

    /** Ends an action at its timeout: interrupts its thread once, unless the action ended first. */
    private static final class ActionDeadline {

        private final Thread thread;
        private boolean ended;
        private boolean expired;

        ActionDeadline(Thread thread) {
            this.thread = thread;
        }

        synchronized void expire() {
            if (!ended) {
                expired = true;
                thread.interrupt();
            }
        }

        /**
         * Marks the action ended; true when it ended in time. After a timeout it clears the
         * interrupt it caused, so the thread's next action does not start interrupted.
         */
        synchronized boolean ended() {
            ended = true;
            if (expired) {
                Thread.interrupted();
            }
            return !expired;
        }
    }
}
