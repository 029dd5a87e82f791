package org.jheartbeat.cli.compare;

/**
 * One timer setting every contender is run with: heartbeat's keepalive and deadtime, and the
 * ha.cf lines that say them (the same lines for jheartbeat and heartbeat 3.0.6).
 */
record Timers(String label, long keepaliveMillis, long deadtimeMillis, String haCfLines) {

    /** The tutorials' setting. */
    static final Timers CLASSIC = new Timers("1s/10s", 1000, 10_000,
            "keepalive 1\ndeadtime 10\nwarntime 5\ninitdead 20\n");

    /** The fastest setting the issue asks for. */
    static final Timers FAST = new Timers("100ms/500ms", 100, 500,
            "keepalive 100ms\ndeadtime 500ms\nwarntime 300ms\ninitdead 4\n");

    /** Room to settle after a role change: a few keepalives, at least a second. */
    long settleMillis() {
        return Math.max(1000, 3 * keepaliveMillis);
    }
}
