package org.jheartbeat.agents.lvs;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jheartbeat.agents.kernel.ipvs.Ipvs;
import org.jheartbeat.agents.kernel.ipvs.IpvsException;
import org.jheartbeat.agents.kernel.ipvs.SyncDaemon;
import org.jheartbeat.agents.kernel.ipvs.SyncDaemon.State;
import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.InvalidParametersException;
import org.jheartbeat.core.agent.OcfResult;
import org.jheartbeat.core.agent.ResourceAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LVSSyncDaemonSwap::master[::IFACE]}: the IPVS connection-sync daemon follows the
 * resource group. Starting the group makes this director the sync master (the backup daemon
 * stops); releasing it makes it a sync backup, so it learns the connections of whoever takes
 * over. Unlike Heartbeat 2.1.3's script, which looked for kernel thread names that current
 * kernels no longer use, this asks the kernel which daemons run. Current kernels also let master
 * and backup run side by side, so start and stop each make sure the other state is stopped.
 */
public final class LvsSyncDaemonSwapAgent implements ResourceAgent {

    public static final String NAME = "LVSSyncDaemonSwap";
    public static final String STATE = "state";
    public static final String INTERFACE = "interface";
    public static final String SYNC_ID = "syncid";
    public static final String DEFAULT_INTERFACE = "eth0";
    public static final String DEFAULT_SYNC_ID = "0";

    private static final Logger LOG = LoggerFactory.getLogger(LvsSyncDaemonSwapAgent.class);
    private static final Pattern INTERFACE_NAME = Pattern.compile("[^\\s/:]{1,15}");

    /** Opens the IPVS client; tests open it inside a network namespace. */
    @FunctionalInterface
    public interface IpvsConnector {
        Ipvs open() throws Exception;
    }

    private final IpvsConnector connector;

    /** For {@link java.util.ServiceLoader}: IPVS of the daemon's own network namespace. */
    public LvsSyncDaemonSwapAgent() {
        this(Ipvs::open);
    }

    public LvsSyncDaemonSwapAgent(IpvsConnector connector) {
        this.connector = connector;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@code master} or {@code master::eth1} (state, then optionally the interface). */
    @Override
    public Map<String, String> parameters(List<String> positional) throws InvalidParametersException {
        if (positional.isEmpty() || positional.size() > 2) {
            throw new InvalidParametersException("usage: LVSSyncDaemonSwap::{master|backup}[::INTERFACE], got "
                    + positional.size() + " arguments");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(STATE, positional.get(0));
        parameters.put(INTERFACE, positional.size() == 2 ? positional.get(1) : DEFAULT_INTERFACE);
        return parameters;
    }

    @Override
    public ActionResult validate(AgentContext context, Map<String, String> parameters) {
        try {
            settings(parameters);
            return ActionResult.success();
        } catch (InvalidParametersException e) {
            return ActionResult.of(OcfResult.ERR_CONFIGURED, e.getMessage());
        }
    }

    /** Stops the other state's daemon, then makes sure this state's daemon runs. */
    @Override
    public ActionResult start(AgentContext context, Map<String, String> parameters) {
        return act(parameters, (ipvs, daemon) -> {
            State wanted = daemon.state();
            stopIfRunning(ipvs, wanted.other());
            startUnlessRunning(ipvs, daemon);
            LOG.info("ipvs_sync{} obtained", wanted.text());
            return ActionResult.success();
        }, null);
    }

    /** Stops this state's daemon and starts the other state's, as the director gives the group away. */
    @Override
    public ActionResult stop(AgentContext context, Map<String, String> parameters) {
        return act(parameters, (ipvs, daemon) -> {
            State released = daemon.state();
            stopIfRunning(ipvs, released);
            startUnlessRunning(ipvs, SyncDaemon.of(released.other(), daemon.interfaceName(), daemon.syncId()));
            LOG.info("ipvs_sync{} released", released.text());
            return ActionResult.success();
        }, ActionResult.success());
    }

    @Override
    public ActionResult monitor(AgentContext context, Map<String, String> parameters) {
        return act(parameters, (ipvs, daemon) -> running(ipvs).contains(daemon.state())
                ? ActionResult.success() : ActionResult.notRunning(), ActionResult.notRunning());
    }

    /**
     * What Heartbeat's {@code status} call prints and returns: {@code master running} with exit 3,
     * or {@code master stopped} with exit 0 (the old script's inverted codes; Heartbeat reads only
     * the text).
     */
    public LegacyStatus legacyStatus(AgentContext context, Map<String, String> parameters) {
        ActionResult result = monitor(context, parameters);
        String state = parameters.getOrDefault(STATE, "");
        return switch (result.result()) {
            case SUCCESS -> new LegacyStatus(state + " running", 3);
            case NOT_RUNNING -> new LegacyStatus(state + " stopped", 0);
            default -> new LegacyStatus("ERROR: " + result.reason(), result.result().code());
        };
    }

    /** A status line for stdout and the exit code that goes with it. */
    public record LegacyStatus(String text, int exitCode) {
    }

    @Override
    public String metaData() {
        return """
                <?xml version="1.0"?>
                <!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
                <resource-agent name="LVSSyncDaemonSwap" version="1.0">
                <version>1.0</version>
                <longdesc lang="en">Runs the IPVS connection synchronisation daemon as master while the resource \
                group is active here, and as backup otherwise, so that established connections survive a failover.</longdesc>
                <shortdesc lang="en">Swaps the IPVS sync daemon between master and backup</shortdesc>
                <parameters>
                <parameter name="state" unique="0" required="1">
                <longdesc lang="en">The sync daemon state while the group is active here: master (or backup).</longdesc>
                <shortdesc lang="en">master or backup</shortdesc>
                <content type="string" default="master"/>
                </parameter>
                <parameter name="interface" unique="0" required="0">
                <longdesc lang="en">Interface the sync messages are multicast on.</longdesc>
                <shortdesc lang="en">Multicast interface</shortdesc>
                <content type="string" default="eth0"/>
                </parameter>
                <parameter name="syncid" unique="0" required="0">
                <longdesc lang="en">Sync id 0..255 that separates several director pairs on one network; 0 accepts any.</longdesc>
                <shortdesc lang="en">Sync id</shortdesc>
                <content type="integer" default="0"/>
                </parameter>
                </parameters>
                <actions>
                <action name="start" timeout="20s"/>
                <action name="stop" timeout="20s"/>
                <action name="monitor" timeout="20s" interval="10s"/>
                <action name="meta-data" timeout="5s"/>
                <action name="validate-all" timeout="5s"/>
                </actions>
                </resource-agent>
                """;
    }

    @FunctionalInterface
    private interface DaemonAction {
        ActionResult apply(Ipvs ipvs, SyncDaemon daemon) throws IOException;
    }

    /**
     * Runs an action against the kernel. Without IPVS no daemon can run: monitor says NOT_RUNNING
     * and stop succeeds (a failing stop would make Heartbeat reboot the node), while start, given
     * {@code withoutIpvs} null, is an installation error.
     */
    private ActionResult act(Map<String, String> parameters, DaemonAction action, ActionResult withoutIpvs) {
        SyncDaemon daemon;
        try {
            daemon = settings(parameters);
        } catch (InvalidParametersException e) {
            return ActionResult.of(OcfResult.ERR_CONFIGURED, e.getMessage());
        }
        try (Ipvs ipvs = connector.open()) {
            return action.apply(ipvs, daemon);
        } catch (IpvsException.Unavailable e) {
            if (withoutIpvs == null) {
                return ActionResult.of(OcfResult.ERR_INSTALLED, e.getMessage());
            }
            LOG.warn("{}; no sync daemon can be running", e.getMessage());
            return withoutIpvs;
        } catch (IpvsException.PermissionDenied e) {
            return ActionResult.of(OcfResult.ERR_PERM, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionResult.of(OcfResult.ERR_GENERIC, "interrupted");
        } catch (Exception e) {
            LOG.error("LVSSyncDaemonSwap {}: {}", parameters.get(STATE), e.getMessage());
            return ActionResult.of(OcfResult.ERR_GENERIC, e.getMessage());
        }
    }

    private static Set<State> running(Ipvs ipvs) throws IOException {
        return ipvs.daemons().stream().map(SyncDaemon::state).collect(Collectors.toSet());
    }

    private static void stopIfRunning(Ipvs ipvs, State state) throws IOException {
        if (!running(ipvs).contains(state)) {
            return;
        }
        try {
            ipvs.stopDaemon(state);
        } catch (IpvsException.NoDaemon alreadyGone) {
            // stopped meanwhile: that is what we wanted
        }
        LOG.info("ipvs_sync{} down", state.text());
    }

    private static void startUnlessRunning(Ipvs ipvs, SyncDaemon daemon) throws IOException {
        if (running(ipvs).contains(daemon.state())) {
            return;
        }
        try {
            ipvs.startDaemon(daemon);
        } catch (IpvsException.DaemonRunning startedMeanwhile) {
            // another start won the race: the daemon runs, as wanted
        }
        LOG.info("ipvs_sync{} up", daemon.state().text());
    }

    private static SyncDaemon settings(Map<String, String> parameters) throws InvalidParametersException {
        String state = parameters.get(STATE);
        State parsed;
        if ("master".equals(state)) {
            parsed = State.MASTER;
        } else if ("backup".equals(state)) {
            parsed = State.BACKUP;
        } else {
            throw new InvalidParametersException("state must be master or backup, not '" + state + "'");
        }
        String iface = parameters.getOrDefault(INTERFACE, DEFAULT_INTERFACE);
        if (!INTERFACE_NAME.matcher(iface).matches()) {
            throw new InvalidParametersException("interface '" + iface
                    + "' is not an interface name (1..15 characters, no blanks, '/' or ':')");
        }
        String syncId = parameters.getOrDefault(SYNC_ID, DEFAULT_SYNC_ID);
        int id;
        try {
            id = Integer.parseInt(syncId);
        } catch (NumberFormatException e) {
            throw new InvalidParametersException("syncid '" + syncId + "' is not a number 0..255");
        }
        if (id < 0 || id > 255) {
            throw new InvalidParametersException("syncid " + id + " is outside 0..255");
        }
        return SyncDaemon.of(parsed, iface, id);
    }
}
