package org.jheartbeat.core.manager;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.OcfResult;
import org.jheartbeat.core.agent.ResourceAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops one resource group the way Heartbeat's ResourceManager does: start runs
 * left to right and skips what already runs (asking the agent's status first, unless its start
 * finds that out itself); stop runs right to left and stops every resource,
 * running or not (every stop is idempotent). Each agent action has its timeout; an action
 * still running then is interrupted and counts as failed. Blocking: run it on a virtual thread.
 */
final class GroupWork {

    private static final Logger LOG = LoggerFactory.getLogger("ResourceManager");

    private final AgentContext context;

    GroupWork(AgentContext context) {
        this.context = context;
    }

    /**
     * True when every resource runs at the end. Stops at the first failure (the caller stops the
     * group). A resource that {@code ahead} found stopped is not probed again.
     */
    boolean start(ManagedGroup group, AdvanceProbe ahead, LongSupplier clockMillis) {
        LOG.info("Acquiring resource group: {}", group.describe());
        for (ManagedResource resource : group.resources()) {
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
        LOG.info("Releasing resource group: {}", group.describe());
        boolean allStopped = true;
        List<ManagedResource> resources = group.resources();
        for (int i = resources.size() - 1; i >= 0; i--) {
            ManagedResource resource = resources.get(i);
            ActionResult stopped = run(resource, Action.STOP);
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
        START("start"), STOP("stop"), MONITOR("monitor"), WARM_UP("warm-up"), REANNOUNCE("reannounce");

        final String word;

        Action(String word) {
            this.word = word;
        }

        ActionResult on(ManagedResource resource, AgentContext context) {
            ResourceAgent agent = resource.agent();
            return switch (this) {
                case START -> agent.start(context, resource.parameters());
                case STOP -> agent.stop(context, resource.parameters());
                case MONITOR -> agent.monitor(context, resource.parameters());
                case WARM_UP -> agent.warmUp(context, resource.parameters());
                case REANNOUNCE -> agent.reannounce(context, resource.parameters());
            };
        }
    }

    private ActionResult run(ManagedResource resource, Action call) {
        String action = call.word;
        Duration timeout = resource.agent().timeout(action);
        AtomicReference<ActionResult> result = new AtomicReference<>();
        Thread worker = Thread.ofVirtual().name(resource.agent().name() + "-" + action).start(() -> {
            try {
                result.set(call.on(resource, context));
            } catch (RuntimeException e) {
                result.set(ActionResult.of(OcfResult.ERR_GENERIC, e.toString()));
            }
        });
        try {
            if (!worker.join(timeout)) {
                worker.interrupt();
                LOG.error("{} {} timed out after {} ms", resource.token(), action, timeout.toMillis());
                return ActionResult.of(OcfResult.ERR_GENERIC, action + " timed out");
            }
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            return ActionResult.of(OcfResult.ERR_GENERIC, action + " interrupted");
        }
        return result.get();
    }
}
