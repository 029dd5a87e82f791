package org.jheartbeat.core.membership;

import java.time.Instant;

/**
 * When a packet arrived, from the receive timestamp the kernel gave it, on
 * {@link System#nanoTime()}'s scale: the kernel stamps packets on the wall clock only, so the
 * stamp becomes its age at reading, taken off the monotonic clock. What a reader does between
 * the packet's arrival and its reading (waking up, decoding) then does not count.
 */
public final class ArrivalTime {

    /**
     * The most age credited. A packet waits in a socket for microseconds; a larger age can come
     * from the wall clock being stepped meanwhile, and a dead-time count must never start too
     * early because of that (a later start only delays a verdict).
     */
    static final long MAX_AGE_NANOS = 5_000_000L;

    private ArrivalTime() {
    }

    /**
     * @param stampSeconds the receive timestamp's seconds since the epoch
     * @param stampNanos   its nanoseconds
     * @param readNanos    {@link System#nanoTime()} when the packet was read, the answer when the
     *                     wall clock went back since the stamp
     */
    public static long fromStamp(long stampSeconds, long stampNanos, long readNanos) {
        Instant wallNow = Instant.now();
        return fromStamp(stampSeconds, stampNanos, readNanos, wallNow.getEpochSecond(), wallNow.getNano(),
                System.nanoTime());
    }

    /** {@link #fromStamp(long, long, long)} with the two clocks read at (nearly) the same moment. */
    static long fromStamp(long stampSeconds, long stampNanos, long readNanos, long wallSeconds, long wallNanos,
                          long monotonicNow) {
        long age = (wallSeconds - stampSeconds) * 1_000_000_000L + wallNanos - stampNanos;
        return age < 0 ? readNanos : monotonicNow - Math.min(age, MAX_AGE_NANOS);
    }
}
