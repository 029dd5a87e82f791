package org.jheartbeat.cli;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.control.ConfiguredClients;
import org.jheartbeat.core.control.DaemonView;
import org.jheartbeat.core.membership.DropReason;
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
     * Respawned clients (ipfail) are not run yet, so every configured one is reported offline
     * rather than pretending it answers.
     */
    @Override
    public Optional<String> clientStatus(String node, String client) {
        DaemonSession current = session.get();
        return ConfiguredClients.status(current.config(), current.membership().snapshot(), node, client, false);
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
