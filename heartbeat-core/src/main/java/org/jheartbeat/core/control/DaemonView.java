package org.jheartbeat.core.control;

import java.util.Map;
import java.util.Optional;

import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.membership.DropReason;
import org.jheartbeat.core.membership.MembershipSnapshot;
import org.jheartbeat.core.policy.RscStatus;
import org.jheartbeat.core.policy.StandbyArgument;

/**
 * What a running daemon offers its control socket. Reads return the latest published snapshot
 * and never wait for the daemon's event loop; requests are queued to the loop and answered
 * with the daemon's one-line verdict.
 */
public interface DaemonView {

    /** The configuration the daemon runs with. */
    HaConfig config();

    MembershipSnapshot membership();

    /** Dropped packets by reason since start. */
    Map<DropReason, Long> drops();

    /** What {@code cl_status rscstatus} prints. */
    RscStatus rscStatus();

    /**
     * A respawned client's status on a node ({@code online}, {@code offline}, {@code join},
     * {@code leave}), or empty when the daemon does not know in time.
     */
    Optional<String> clientStatus(String node, String client);

    /** {@code hb_standby ARG}: empty when accepted, else the reason it was refused. */
    Optional<String> requestStandby(StandbyArgument argument);

    /** {@code hb_takeover ARG}: empty when accepted, else the reason it was refused. */
    Optional<String> requestTakeover(StandbyArgument argument);
}
