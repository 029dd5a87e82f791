package org.jheartbeat.core.policy;

/**
 * Names one timer ipfail asked for. The caller hands it back in {@link IpfailEvent.TimerFired};
 * a token that no longer matches the state (the timer was cancelled or replaced) is ignored.
 */
public record IpfailTimer(Kind kind, long id) {

    public enum Kind {
        /** The delayed give-up (2 × keepalive). */
        GIVEUP,
        /** The wait after the partner became stable before counting ping nodes again (10 s). */
        RECOUNT
    }
}
