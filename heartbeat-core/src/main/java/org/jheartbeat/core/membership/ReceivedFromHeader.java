package org.jheartbeat.core.membership;

import java.io.DataInput;
import java.io.DataOutput;
import java.util.function.Supplier;

import org.jgroups.Header;

/**
 * Marks a received message with the IP address and port its datagram came from. Put on by our
 * transports on the receiving side only (never sent), so drop logs can name the real source.
 */
public final class ReceivedFromHeader extends Header {

    static final short MAGIC_ID = 3103;
    static final short PROTOCOL_ID = 3103;

    private String source = "?";

    public ReceivedFromHeader() {
    }

    ReceivedFromHeader(String source) {
        this.source = source;
    }

    String source() {
        return source;
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
