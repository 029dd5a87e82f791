package org.jheartbeat.core.control;

import org.slf4j.Logger;

/**
 * Logs at most one warning per interval and counts the ones it held back, so a local process
 * hammering the control socket with garbage cannot flood the log.
 */
final class BoundedWarnings {

    private final Logger log;
    private final long intervalNanos;
    private long lastNanos;
    private boolean logged;
    private long suppressed;

    BoundedWarnings(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    synchronized void warn(String message) {
        long now = System.nanoTime();
        if (logged && now - lastNanos < intervalNanos) {
            suppressed++;
            return;
        }
        log.warn(suppressed == 0 ? message : message + " (" + suppressed + " similar suppressed)");
        logged = true;
        lastNanos = now;
        suppressed = 0;
    }
}
