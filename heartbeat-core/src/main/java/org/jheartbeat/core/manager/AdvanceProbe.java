package org.jheartbeat.core.manager;

import java.util.Set;

/**
 * The status probes of a group run ahead of its start, while the peer was still stopping it
 * ({@link org.jheartbeat.core.policy.PolicyAction.ProbeAhead}): which resources were found
 * stopped, and until when that finding may replace the start's own probe. Only "stopped" is
 * trusted; a resource found running is probed again when the start comes.
 *
 * @param stopped    tokens of the resources the probe found not running
 * @param validUntil clock millis after which the start probes again
 */
record AdvanceProbe(Set<String> stopped, long validUntil) {

    AdvanceProbe {
        stopped = Set.copyOf(stopped);
    }

    /** True when the start may skip probing {@code token}. */
    boolean showsStopped(String token, long nowMillis) {
        return nowMillis <= validUntil && stopped.contains(token);
    }

    /** Probes nothing: the start probes every resource itself. */
    static AdvanceProbe none() {
        return new AdvanceProbe(Set.of(), Long.MIN_VALUE);
    }
}
