package org.jheartbeat.core.membership;

import java.io.DataInput;
import java.io.DataOutput;
import java.util.function.Supplier;

import org.jgroups.Header;

/**
 * Marks a received message with the IP address and port its datagram came from, so drop logs can
 * name the real source, and when it arrived, the moment its sender counts as heard. Put on by our
 * transports on the receiving side only (never sent).
 */
public final class ReceivedFromHeader extends Header {

    static final short MAGIC_ID = 3103;
    static final short PROTOCOL_ID = 3103;

    private String source = "?";
    private long arrivedNanos;

    public ReceivedFromHeader() {
    }

    ReceivedFromHeader(String source, long arrivedNanos) {
        this.source = source;
        this.arrivedNanos = arrivedNanos;
    }

    String source() {
        return source;
    }

    /** {@link System#nanoTime()} when the datagram arrived. */
    long arrivedNanos() {
        return arrivedNanos;
    }

    @Override
    public short getMagicId() {
        return MAGIC_ID;
    }

    @Override
    public Supplier<? extends Header> create() {
        return ReceivedFromHeader::new;
    }

    @Override
    public int serializedSize() {
        return 0;
    }

    @Override
    public void writeTo(DataOutput out) {
        // local only: nothing goes on the wire
    }

    @Override
    public void readFrom(DataInput in) {
        // local only
    }
}
