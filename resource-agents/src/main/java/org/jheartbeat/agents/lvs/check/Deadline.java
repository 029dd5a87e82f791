package org.jheartbeat.agents.lvs.check;

import java.net.SocketTimeoutException;
import java.time.Duration;

/** The moment a whole check must be over; every blocking step gets only what is left of it. */
public record Deadline(long nanoTime) {

    public static Deadline in(Duration d) {
        return new Deadline(System.nanoTime() + d.toNanos());
    }

    public static Deadline inSeconds(int seconds) {
        return in(Duration.ofSeconds(seconds));
    }

    /** Milliseconds left, at least 1 (0 would mean "no timeout" to a socket). */
    public int remainingMillis() throws SocketTimeoutException {
        long left = (nanoTime - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("Connection timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    public boolean passed() {
        return System.nanoTime() - nanoTime >= 0;
    }
}
