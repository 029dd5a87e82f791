package org.jheartbeat.cli.compare;

import java.util.Locale;

/**
 * How heartbeat's two timers become keepalived's. A VRRP backup declares the master down after
 * {@code down_timer_adverts × advert_int + skew}, skew = {@code (256 − priority) / 256 ×
 * advert_int} (RFC 5798 fixes the factor at 3; keepalived's {@code down_timer_adverts} lets an
 * instance choose it).
 */
enum VrrpTimers {

    /**
     * Both of heartbeat's timers: adverts every keepalive, master down after deadtime / keepalive
     * adverts. Priorities 254 (master) and 253 (backup) make the skew 1.2 ms at 100 ms adverts and
     * 12 ms at 1 s. Same packet rate, same silence before failover: the like-for-like setting.
     */
    MATCHED("keepalived 2.2.7", 254, 253),

    /**
     * The RFC's factor 3: advert_int = deadtime / 3.125 with priorities 250 and 224, so the
     * master-down interval still equals deadtime, but adverts go out every 3.2 s / 160 ms instead
     * of every 1 s / 100 ms. A fault then comes on average half an interval after the last
     * packet, which favours this mapping by half the difference (about 1.1 s and 30 ms).
     */
    RFC("keepalived RFC timer", 250, 224);

    final String label;
    final int masterPriority;
    final int backupPriority;

    VrrpTimers(String label, int masterPriority, int backupPriority) {
        this.label = label;
        this.masterPriority = masterPriority;
        this.backupPriority = backupPriority;
    }

    /** advert_int in seconds (VRRPv3 counts centiseconds, and every value here is one). */
    String advertSeconds(Timers timers) {
        double millis = switch (this) {
            case MATCHED -> timers.keepaliveMillis();
            case RFC -> timers.deadtimeMillis() / (3 + (256 - backupPriority) / 256.0);
        };
        return String.format(Locale.ROOT, "%.2f", millis / 1000);
    }

    /** down_timer_adverts. */
    long downTimerAdverts(Timers timers) {
        return switch (this) {
            case MATCHED -> timers.deadtimeMillis() / timers.keepaliveMillis();
            case RFC -> 3;
        };
    }

    /** One line for the table's footnotes. */
    String describe() {
        return String.format(Locale.ROOT, "%s: VRRPv3, priorities %d/%d (preempt), advert_int %s s / %s s,"
                        + " down_timer_adverts %d / %d (for %s / %s)", label, masterPriority, backupPriority,
                advertSeconds(Timers.CLASSIC), advertSeconds(Timers.FAST), downTimerAdverts(Timers.CLASSIC),
                downTimerAdverts(Timers.FAST), Timers.CLASSIC.label(), Timers.FAST.label());
    }
}
