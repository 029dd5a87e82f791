package org.jheartbeat.core.membership;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts dropped packets by reason; shared by every medium of one daemon. */
public final class DropCounters {

    private final Map<DropReason, LongAdder> counts = new EnumMap<>(DropReason.class);

    public DropCounters() {
        for (DropReason reason : DropReason.values()) {
            counts.put(reason, new LongAdder());
        }
    }

    void increment(DropReason reason) {
        counts.get(reason).increment();
    }

    public long count(DropReason reason) {
        return counts.get(reason).sum();
    }

    /** Every reason with its count, in declaration order. */
    public Map<DropReason, Long> snapshot() {
        Map<DropReason, Long> copy = new EnumMap<>(DropReason.class);
        counts.forEach((reason, adder) -> copy.put(reason, adder.sum()));
        return copy;
    }
}
