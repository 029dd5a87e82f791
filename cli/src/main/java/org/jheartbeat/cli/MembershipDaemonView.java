package org.jheartbeat.cli;

import java.util.Map;
import java.util.Optional;

import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.control.ConfiguredClients;
import org.jheartbeat.core.control.DaemonView;
import org.jheartbeat.core.membership.DropReason;
import org.jheartbeat.core.membership.Membership;
import org.jheartbeat.core.membership.MembershipSnapshot;
import org.jheartbeat.core.policy.RscStatus;
import org.jheartbeat.core.policy.StandbyArgument;

/**
 * What the membership-only daemon shows its control socket: the live node and link table, no
 * resources held, no clients started, and standby/takeover refused because no resource
 * manager runs.
 */
record MembershipDaemonView(HaConfig config, Membership live) implements DaemonView {

    static final String NO_RESOURCE_MANAGEMENT = "resource management not running";

    @Override
    public MembershipSnapshot membership() {
        return live.snapshot();
    }

    @Override
    public Map<DropReason, Long> drops() {
        return live.drops().snapshot();
    }

    @Override
    public RscStatus rscStatus() {
        return RscStatus.NONE;
    }

    @Override
    public Optional<String> clientStatus(String node, String client) {
        return ConfiguredClients.status(config, membership(), node, client, false);
    }

    @Override
    public Optional<String> requestStandby(StandbyArgument argument) {
        return Optional.of(NO_RESOURCE_MANAGEMENT);
    }

    @Override
    public Optional<String> requestTakeover(StandbyArgument argument) {
        return Optional.of(NO_RESOURCE_MANAGEMENT);
    }
}
