package org.jheartbeat.core.policy;

/**
 * Names one timer the policy asked for. The caller hands it back in {@link PolicyEvent.TimerFired};
 * a token that no longer matches the state (the wait was cancelled or replaced) is ignored, so
 * a caller that cannot cancel in time does no harm.
 */
public record TimerToken(Kind kind, long id) {

    public enum Kind {
        /** Both nodes starting at once: wait before taking local groups. */
        REQUEST_DELAY,
        /** This node asked to go standby and waits for the peer's {@code other}. */
        STANDBY_REPLY,
        /** This node accepted the peer's standby and waits for its {@code done}. */
        STANDBY_TAKEOVER,
        /** This node released a set and waits for the peer's {@code done}. */
        STANDBY_COMPLETION
    }
}
