package org.jheartbeat.core.membership;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;

/**
 * Logs at most one line per key (for example a source address and drop reason) per interval,
 * saying how many were suppressed since, so a flood of hostile packets cannot flood the log.
 */
public final class RateLimitedLog {

    private record Slot(long lastNanos, long suppressed) {
    }

    private static final int MAX_KEYS = 1024;

    private final Logger log;
    private final long intervalNanos;
    private final Map<String, Slot> slots = new HashMap<>();

    public RateLimitedLog(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    public synchronized void warn(String key, String message) {
        long now = System.nanoTime();
        Slot slot = slots.get(key);
        if (slot != null && now - slot.lastNanos < intervalNanos) {
            slots.put(key, new Slot(slot.lastNanos, slot.suppressed + 1));
            return;
        }
        if (slot == null && slots.size() >= MAX_KEYS) {
            slots.clear(); // bounded memory even when every packet comes from a new forged source
        }
        long suppressed = slot == null ? 0 : slot.suppressed;
        slots.put(key, new Slot(now, 0));
        log.warn(suppressed == 0 ? message : message + " (" + suppressed + " similar suppressed)");
    }
}
