package org.jheartbeat.agents.lvs.check;

import java.time.Duration;
import java.util.Objects;

/**
 * When one real's checks run after ldirectord starts or reloads. ldirectord checks every real
 * once before it enters its loop, so a director that has just taken over knows its healthy
 * reals at once (with a long checkinterval, waiting for a real's place in the interval kept it
 * out of the table for seconds, and persistence then pinned every new client to the others).
 * The first checks are therefore due at once, one millisecond apart so that thousands of reals
 * do not all connect in the same millisecond; the later ones are spread evenly over the
 * interval, which keeps a large director's load flat.
 *
 * @param first when the first check is due, counted from the start
 * @param phase where the later checks fall in the interval: due at first + (phase - first) + k × interval
 */
public record CheckSlot(Duration first, Duration phase) {

    /** Between the first checks of two reals (when the interval leaves room for it). */
    static final Duration FIRST_ROUND_STAGGER = Duration.ofMillis(1);

    public CheckSlot {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(phase, "phase");
        if (first.isNegative() || phase.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 <= first <= phase: " + first + ", " + phase);
        }
    }

    /** The slot of the {@code index}-th of {@code count} reals checked every {@code interval}. */
    public static CheckSlot of(int index, int count, Duration interval) {
        Duration phase = interval.multipliedBy(index).dividedBy(Math.max(1, count));
        Duration first = FIRST_ROUND_STAGGER.multipliedBy(index);
        return new CheckSlot(first.compareTo(phase) < 0 ? first : phase, phase);
    }

    /** The same time for the first check and the phase: a job's first check in its own place. */
    public static CheckSlot at(Duration delay) {
        return new CheckSlot(delay, delay);
    }
}
