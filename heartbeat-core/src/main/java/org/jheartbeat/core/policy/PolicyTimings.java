package org.jheartbeat.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * The protocol delays the policy asks its caller to time.
 *
 * @param requestDelay     how long a starting node waits when the peer is starting too
 *                         (Heartbeat's RQSTDELAY, 10 s)
 * @param standbyReply     how long a node that asked to go standby waits for {@code other}
 *                         (10 s)
 * @param standbyTakeover  how long the accepting peer waits for the giver's {@code done}, and
 *                         the giver for the taker's (Heartbeat: one hour, long enough for any
 *                         stop or start with its retries)
 */
public record PolicyTimings(Duration requestDelay, Duration standbyReply, Duration standbyTakeover) {

    public static final PolicyTimings HEARTBEAT =
            new PolicyTimings(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofHours(1));

    public PolicyTimings {
        Objects.requireNonNull(requestDelay, "requestDelay");
        Objects.requireNonNull(standbyReply, "standbyReply");
        Objects.requireNonNull(standbyTakeover, "standbyTakeover");
    }
}
