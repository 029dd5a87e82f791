package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.agents.kernel.Errno;
import org.jheartbeat.agents.kernel.ErrnoException;
import org.jheartbeat.agents.kernel.NetworkNamespace;
import org.jheartbeat.agents.kernel.RtNetlink;
import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.OcfResult;
import org.jheartbeat.core.agent.ResourceAgent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the address agents share: the state directory, and running an action against the kernel
 * with failures turned into OCF results.
 */
abstract class AddressAgent implements ResourceAgent {

    /** Where state survives a daemon restart; {@code $HA_RSCTMP} of the shell agents. */
    static final String STATE_DIRECTORY_PROPERTY = "jheartbeat.rsctmp";
    static final Path DEFAULT_STATE_DIRECTORY = Path.of("/run/resource-agents");

    protected final Path stateDirectory;

    protected AddressAgent(Path stateDirectory) {
        this.stateDirectory = stateDirectory;
    }

    protected static Path configuredStateDirectory() {
        String property = System.getProperty(STATE_DIRECTORY_PROPERTY);
        return property == null || property.isBlank() ? DEFAULT_STATE_DIRECTORY : Path.of(property);
    }

    /** For a stop with nobody to tell when the address is gone (see {@link #stop(AgentContext, Map, Runnable)}). */
    protected static final Runnable NOBODY = () -> { };

    /** A stop removes the address (and with lvs_support puts it back on lo): netlink requests only. */
    @Override
    public boolean stopsWithinKernel() {
        return true;
    }

    /** How many rehearsals (a start's and a stop's) {@link #warmUp} runs at most, and for how long. */
    static final int WARM_UP_ROUNDS = 300;
    static final Duration WARM_UP_BUDGET = Duration.ofMillis(500);

    /**
     * Rehearses the read-only parts of a start and of a stop repeatedly: they read links, routes
     * and addresses as start, stop and monitor do, so after a few hundred rounds that code is
     * compiled and a takeover's netlink work takes about 1 ms instead of 4 to 6 (interpreted),
     * and a hand-over's release is not slowed by code running for the first time. A few hundred
     * milliseconds of one core at start, less on a machine too slow to finish in the budget.
     */
    @Override
    public ActionResult warmUp(AgentContext context, Map<String, String> parameters) {
        long began = System.nanoTime();
        ActionResult result = rehearse(context, parameters);
        for (int round = 1; round < WARM_UP_ROUNDS && result.isSuccess()
                && System.nanoTime() - began < WARM_UP_BUDGET.toNanos(); round++) {
            result = rehearse(context, parameters);
        }
        return result;
    }

    private ActionResult rehearse(AgentContext context, Map<String, String> parameters) {
        ActionResult started = rehearseStart(context, parameters);
        return started.isSuccess() ? rehearseStop(context, parameters) : started;
    }

    /** A start up to its first change, changing nothing; validate-all unless the agent knows more. */
    protected ActionResult rehearseStart(AgentContext context, Map<String, String> parameters) {
        return validate(context, parameters);
    }

    /** A stop up to its change, changing nothing; nothing unless the agent knows more. */
    protected ActionResult rehearseStop(AgentContext context, Map<String, String> parameters) {
        return ActionResult.success();
    }

    /** Reads an agent's parameters into settings, or says why it cannot. */
    @FunctionalInterface
    protected interface SettingsParser {
        AddressSettings parse(Map<String, String> parameters) throws AgentFailure;
    }

    /** Runs {@code body} on the parsed settings; a parameter problem is the action's result. */
    protected static ActionResult parsed(SettingsParser parser, Map<String, String> parameters,
                                         Function<AddressSettings, ActionResult> body) {
        try {
            return body.apply(parser.parse(parameters));
        } catch (AgentFailure e) {
            return e.toResult();
        }
    }

    /** An action body that talks to the kernel through {@link AddressTable}. */
    @FunctionalInterface
    protected interface KernelAction {
        ActionResult run(AddressTable table) throws AgentFailure, IOException, InterruptedException;
    }

    /**
     * Runs {@code body} with an rtnetlink socket, inside {@code namespace} when one is named.
     * EPERM becomes OCF_ERR_PERM ("You must be root for ACTION operation."), any other kernel
     * failure OCF_ERR_GENERIC with the errno in the reason.
     */
    protected static ActionResult inKernel(String action, Optional<String> namespace, KernelAction body) {
        try {
            if (namespace.isEmpty()) {
                return runWithSocket(body);
            }
            try (NetworkNamespace inside = NetworkNamespace.enter(namespace.get())) {
                return inside.call(() -> runWithSocket(body));
            } catch (ErrnoException e) {
                if (e.operation().startsWith("open") || e.operation().equals("setns")) {
                    return ActionResult.of(OcfResult.ERR_CONFIGURED,
                            "Cannot enter network namespace [" + namespace.get() + "]: " + e.getMessage());
                }
                throw e;
            }
        } catch (AgentFailure e) {
            return e.toResult();
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EPERM || e.errno() == Errno.EACCES) {
                return ActionResult.of(OcfResult.ERR_PERM, "You must be root for " + action + " operation.");
            }
            return ActionResult.of(OcfResult.ERR_GENERIC, action + " failed: " + e.getMessage());
        } catch (IOException e) {
            return ActionResult.of(OcfResult.ERR_GENERIC, action + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionResult.of(OcfResult.ERR_GENERIC, action + " interrupted");
        } catch (Exception e) {
            return ActionResult.of(OcfResult.ERR_GENERIC, action + " failed: " + e);
        }
    }

    private static ActionResult runWithSocket(KernelAction body) throws AgentFailure, IOException, InterruptedException {
        try (RtNetlink rt = RtNetlink.open()) {
            return body.run(new AddressTable(rt));
        }
    }

    /** Re-throws permission failures so {@link #inKernel} reports them as such; wraps the rest. */
    static AgentFailure failure(String reason, ErrnoException cause) throws ErrnoException {
        if (cause.errno() == Errno.EPERM || cause.errno() == Errno.EACCES) {
            throw cause;
        }
        return new AgentFailure(OcfResult.ERR_GENERIC, reason + ": " + cause.getMessage());
    }
}
