package org.jheartbeat.core.membership;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Supplier;

import org.jgroups.Header;

/**
 * Marks a hand-off packet: a numbered message for one node (DATA, payload in the body) or the
 * acknowledgement of every message up to a number (ACK). The sender and its incarnation are in
 * the {@link AuthHeader}; {@code destinationIncarnation} names the run of the receiver the
 * stream is meant for, so a message for a daemon that has since restarted is never delivered
 * to its successor.
 */
public final class HandoffHeader extends Header {

    static final short MAGIC_ID = 3106;
    static final byte DATA = 1;
    static final byte ACK = 2;

    private byte kind;
    private String destination;
    private long destinationIncarnation;
    private long sequence;

    public HandoffHeader() {
    }

    HandoffHeader(byte kind, String destination, long destinationIncarnation, long sequence) {
        this.kind = kind;
        this.destination = destination;
        this.destinationIncarnation = destinationIncarnation;
        this.sequence = sequence;
    }

    byte kind() {
        return kind;
    }

    String destination() {
        return destination;
    }

    long destinationIncarnation() {
        return destinationIncarnation;
    }

    long sequence() {
        return sequence;
    }

    @Override
    public short getMagicId() {
        return MAGIC_ID;
    }

    @Override
    public Supplier<? extends Header> create() {
        return HandoffHeader::new;
    }

    @Override
    public int serializedSize() {
        return 1 + 2 + destination.length() * 3 + 8 + 8;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(kind);
        out.writeUTF(destination);
        out.writeLong(destinationIncarnation);
        out.writeLong(sequence);
    }

    @Override
    public void readFrom(DataInput in) throws IOException {
        kind = in.readByte();
        if (kind != DATA && kind != ACK) {
            throw new IOException("unknown hand-off packet kind " + kind);
        }
        destination = in.readUTF();
        if (destination.isEmpty() || destination.length() > AuthHeader.MAX_NODE_NAME) {
            throw new IOException("bad hand-off destination");
        }
        destinationIncarnation = in.readLong();
        sequence = in.readLong();
        if (sequence <= 0 && kind == DATA) {
            throw new IOException("hand-off sequence must be positive: " + sequence);
        }
    }

    @Override
    public String toString() {
        return (kind == DATA ? "DATA " : "ACK ") + destination + "/" + destinationIncarnation + " #" + sequence;
    }
}
