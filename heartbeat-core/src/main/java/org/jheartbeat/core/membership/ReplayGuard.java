package org.jheartbeat.core.membership;

import java.util.HashMap;
import java.util.Map;

/**
 * Remembers, per sending node, its newest incarnation and which recent packet counters were
 * already accepted (a sliding window of {@value #WINDOW}, as IPsec does). A packet is new when
 * it comes from a newer incarnation, or from the current one with a counter above the window's
 * bottom that was not seen yet. Shared by all media, so a copy resent on another link is a
 * duplicate too. Only called for packets whose signature has been verified.
 */
final class ReplayGuard {

    static final int WINDOW = 64;

    private static final class Sender {
        long incarnation;
        long highest;
        long seen; // bit i set: counter (highest - i) accepted
    }

    private final Map<String, Sender> senders = new HashMap<>();

    /** True (and remembered) when the packet is new; false for a replay. */
    synchronized boolean accept(String node, long incarnation, long counter) {
        Sender s = senders.get(node);
        if (s == null || incarnation > s.incarnation) {
            s = new Sender();
            s.incarnation = incarnation;
            s.highest = counter;
            s.seen = 1;
            senders.put(node, s);
            return true;
        }
        if (incarnation < s.incarnation) {
            return false;
        }
        if (counter > s.highest) {
            long shift = counter - s.highest;
            s.seen = shift >= WINDOW ? 1 : (s.seen << shift) | 1;
            s.highest = counter;
            return true;
        }
        long age = s.highest - counter;
        if (age >= WINDOW || (s.seen & (1L << age)) != 0) {
            return false;
        }
        s.seen |= 1L << age;
        return true;
    }
}
