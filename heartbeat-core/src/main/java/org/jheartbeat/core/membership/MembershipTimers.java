package org.jheartbeat.core.membership;

import java.time.Duration;

/**
 * The timing rules of spec §2.3 in the units membership works in.
 *
 * @param keepalive interval between status packets on every medium
 * @param deadtime  silence after which a link (and a node with no live link) is dead
 * @param warntime  gap between status packets after which a late heartbeat is logged
 * @param initdead  dead time used before communications are first up
 * @param deadping  dead time of ping nodes
 */
public record MembershipTimers(Duration keepalive, Duration deadtime, Duration warntime, Duration initdead,
                               Duration deadping) {

    public MembershipTimers {
        if (keepalive.isZero() || keepalive.isNegative()) {
            throw new IllegalArgumentException("keepalive must be positive: " + keepalive);
        }
    }

    /**
     * How often silence is checked: a quarter of keepalive (at least 1 ms, at most Heartbeat's
     * 250 ms), so a dead node is noticed well within one keepalive after its dead time.
     */
    public Duration scanInterval() {
        long quarter = Math.max(1, keepalive.toMillis() / 4);
        return Duration.ofMillis(Math.min(250, quarter));
    }
}
