package org.jheartbeat.core.membership;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Who this daemon is on the wire: its node name, the incarnation of this run (its persistent
 * generation, see {@link GenerationFile}: higher on every restart) and one packet counter
 * shared by every medium, so a packet copied from one link to another is recognised as a
 * duplicate.
 */
public final class SenderIdentity {

    private final String node;
    private final long incarnation;
    private final AtomicLong counter = new AtomicLong();

    public SenderIdentity(String node, long incarnation) {
        this.node = node;
        this.incarnation = incarnation;
    }

    public String node() {
        return node;
    }

    public long incarnation() {
        return incarnation;
    }

    long nextCounter() {
        return counter.incrementAndGet();
    }
}
