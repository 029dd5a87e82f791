package org.jheartbeat.cli;

import java.util.Map;
import java.util.Optional;

import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.control.ConfiguredClients;
import org.jheartbeat.core.control.DaemonView;
import org.jheartbeat.core.manager.ResourceManager;
import org.jheartbeat.core.membership.DropReason;
import org.jheartbeat.core.membership.LogMarkers;
import org.jheartbeat.core.membership.Membership;
import org.jheartbeat.core.membership.MembershipSnapshot;
import org.jheartbeat.core.policy.RscStatus;
import org.jheartbeat.core.policy.StandbyArgument;

/** The running daemon as its control socket sees it. */
final class RunningDaemon implements DaemonView {

    private final HaConfig config;
    private final Membership membership;
    private final ResourceManager manager;

    RunningDaemon(HaConfig config, Membership membership, ResourceManager manager) {
        this.config = config;
        this.membership = membership;
        this.manager = manager;
    }

    @Override
    public HaConfig config() {
        return config;
    }

    @Override
    public MembershipSnapshot membership() {
        return membership.snapshot();
    }

    @Override
    public Map<DropReason, Long> drops() {
        return membership.drops().snapshot();
    }

    @Override
    public RscStatus rscStatus() {
        return manager.rscStatus();
    }

    /**
     * ipfail is built in: {@code online} on this node while it runs, on the peer while the
     * peer's ipfail has signed on (and neither signed off, died nor restarted since). Other
     * respawn clients are not run, so they are reported offline rather than pretending they answer.
     */
    @Override
    public Optional<String> clientStatus(String node, String client) {
        MembershipSnapshot snapshot = membership.snapshot();
        if (!client.equals(LogMarkers.IPFAIL_LOGGER) || snapshot.node(node).isEmpty()) {
            return ConfiguredClients.status(config, snapshot, node, client, false);
        }
        boolean online = node.equals(config.localNode()) ? manager.ipfailRunning()
                : config.peers().contains(node) && config.peers().size() == 1 && manager.peerIpfailOnline();
        return Optional.of(online ? "online" : "offline");
    }

    @Override
    public Optional<String> requestStandby(StandbyArgument argument) {
        return manager.requestStandby(argument);
    }

    @Override
    public Optional<String> requestTakeover(StandbyArgument argument) {
        return manager.requestTakeover(argument);
    }
}
