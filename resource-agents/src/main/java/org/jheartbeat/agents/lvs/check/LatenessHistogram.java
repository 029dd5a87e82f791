package org.jheartbeat.agents.lvs.check;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * How late checks started compared to their schedule, in 1 ms buckets up to a minute (later
 * starts land in the last bucket). Lock-free: every check thread records into it.
 */
public final class LatenessHistogram {

    private static final int BUCKETS = 60_001;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder total = new LongAdder();

    public void record(long lateNanos) {
        int ms = (int) Math.min(BUCKETS - 1, Math.max(0, lateNanos / 1_000_000));
        counts.incrementAndGet(ms);
        total.increment();
    }

    /** Forgets what was recorded (benchmarks measure after a warm-up). */
    public void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            counts.set(i, 0);
        }
        total.reset();
    }

    public long count() {
        return total.sum();
    }

    /** The lateness in ms below which the given fraction (0..1) of checks started. */
    public long percentileMillis(double fraction) {
        long n = count();
        if (n == 0) {
            return 0;
        }
        long wanted = (long) Math.ceil(fraction * n);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= wanted) {
                return i;
            }
        }
        return BUCKETS - 1;
    }
}
