package org.jheartbeat.cli;

import java.util.Map;
import java.util.Optional;

import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.config.RespawnClient;
import org.jheartbeat.core.control.DaemonView;
import org.jheartbeat.core.manager.ResourceManager;
import org.jheartbeat.core.membership.DropReason;
import org.jheartbeat.core.membership.Membership;
import org.jheartbeat.core.membership.MembershipSnapshot;
import org.jheartbeat.core.membership.NodeStatus;
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
     * Respawned clients are built in (ipfail) and run wherever the daemon runs with the same
     * ha.cf, so a client named in a respawn line is online on every node that is up.
     */
    @Override
    public Optional<String> clientStatus(String node, String client) {
        boolean configured = config.haCf().respawnClients().stream()
                .map(RespawnClient::command)
                .anyMatch(command -> command.equals(client) || command.endsWith("/" + client));
        Optional<MembershipSnapshot.NodeView> view = membership.snapshot().node(node);
        if (view.isEmpty()) {
            return Optional.empty();
        }
        boolean up = view.get().status() != NodeStatus.DEAD && view.get().status() != NodeStatus.INIT;
        return Optional.of(configured && up ? "online" : "offline");
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
