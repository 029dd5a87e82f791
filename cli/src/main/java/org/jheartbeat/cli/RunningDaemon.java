package org.jheartbeat.cli;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.control.ConfiguredClients;
import org.jheartbeat.core.control.DaemonView;
import org.jheartbeat.core.membership.DropReason;
import org.jheartbeat.core.membership.LogMarkers;
import org.jheartbeat.core.membership.MembershipSnapshot;
import org.jheartbeat.core.policy.RscStatus;
import org.jheartbeat.core.policy.StandbyArgument;

/** The running daemon as its control socket sees it: always the current session, also after a quick restart. */
final class RunningDaemon implements DaemonView {

    private final Supplier<DaemonSession> session;

    RunningDaemon(Supplier<DaemonSession> session) {
        this.session = session;
    }

    @Override
    public HaConfig config() {
        return session.get().config();
    }

    @Override
    public MembershipSnapshot membership() {
        return session.get().membership().snapshot();
    }

    @Override
    public Map<DropReason, Long> drops() {
        return session.get().membership().drops().snapshot();
    }

    @Override
    public RscStatus rscStatus() {
        return session.get().manager().rscStatus();
    }

    /**
     * ipfail is built in: {@code online} on this node while it runs, on the peer while the
     * peer's ipfail has signed on (and neither signed off, died nor restarted since). Other
     * respawn clients are not run, so they are reported offline rather than pretending they answer.
     */
    @Override
    public Optional<String> clientStatus(String node, String client) {
        DaemonSession current = session.get();
        HaConfig config = current.config();
        MembershipSnapshot snapshot = current.membership().snapshot();
        if (!client.equals(LogMarkers.IPFAIL_LOGGER) || snapshot.node(node).isEmpty()) {
            return ConfiguredClients.status(config, snapshot, node, client, false);
        }
        boolean online = node.equals(config.localNode()) ? current.manager().ipfailRunning()
                : config.peers().contains(node) && config.peers().size() == 1 && current.manager().peerIpfailOnline();
        return Optional.of(online ? "online" : "offline");
    }

    @Override
    public Optional<String> requestStandby(StandbyArgument argument) {
        return session.get().manager().requestStandby(argument);
    }

    @Override
    public Optional<String> requestTakeover(StandbyArgument argument) {
        return session.get().manager().requestTakeover(argument);
    }
}
