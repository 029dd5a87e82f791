package org.jheartbeat.cli.compare;

import java.util.Locale;

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

    /**
     * VRRP has one timer: a backup declares the master down after {@code 3 × advert_int +
     * skew}, skew = {@code (256 − priority) / 256 × advert_int} (RFC 5798; keepalived's
     * {@code vrrp_down_timer_adverts} default 3). With the backup's priority 224 the factor is
     * 3.125, so an advert interval of deadtime / 3.125 makes the master-down interval equal to
     * heartbeat's deadtime: 3.2 s for 10 s, 160 ms for 500 ms (VRRPv3 counts in centiseconds,
     * so both are exact). Adverts then go out every 3.2 s / 160 ms, not every 1 s / 100 ms: VRRP
     * cannot have heartbeat's keepalive and its deadtime at once, and detection time is what a
     * failover comparison compares. Measured from a fault at a random moment, though, detection
     * is the dead time minus the time since the last packet (half an interval on average), which
     * favours the longer advert interval by half the difference: about 1.1 s and 30 ms.
     */
    String vrrpAdvertSeconds() {
        double seconds = deadtimeMillis / 1000.0 / KeepalivedContender.DOWN_FACTOR;
        return String.format(Locale.ROOT, "%.2f", seconds);
    }

    /** Room to settle after a role change: a few keepalives, at least a second. */
    long settleMillis() {
        return Math.max(1000, 3 * keepaliveMillis);
    }
}
