package org.jheartbeat.core.membership;

/**
 * How long this node itself could not run: the dead-time scan is a realtime thread that wakes
 * every scan interval, so when it wakes much later than that, every thread of the daemon (or
 * the whole machine) was held up meanwhile, the packet receivers included. Silence of a peer
 * during such a stall was not observed: the peer's packets were waiting in our socket buffers.
 * {@link NodeTable} subtracts it before calling a peer dead, so a node that was frozen does not
 * blame the others for it (while they, not frozen, rightly see it as silent).
 * <p>A gap of more than two intervals counts, minus the one interval that was expected.
 */
final class LocalStallMeter {

    private final long intervalNanos;
    private boolean ticking;
    private long lastTick;
    private long total;

    /** Measures nothing until the first {@link #tick}. */
    LocalStallMeter(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** The scan thread ran at {@code now}. */
    synchronized void tick(long now) {
        if (ticking) {
            total += excess(now - lastTick);
        }
        ticking = true;
        lastTick = now;
    }

    /**
     * The total stalled time up to {@code now}, including a stall still going on since the last
     * tick (a receiver may run before the scan thread after both were held up). Never decreases.
     */
    synchronized long stalledNanos(long now) {
        return ticking ? total + excess(now - lastTick) : total;
    }

    private long excess(long gap) {
        return gap > 2 * intervalNanos ? gap - intervalNanos : 0;
    }
}
