package org.jheartbeat.core.membership;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Supplier;

import org.jgroups.Header;

/** A status (heartbeat) packet: the sender's status and its dead time (spec §15 {@code st}, {@code dt}). */
public final class StatusHeader extends Header {

    static final short MAGIC_ID = 3102;

    private NodeStatus status = NodeStatus.INIT;
    private int deadtimeMillis;

    public StatusHeader() {
    }

    StatusHeader(NodeStatus status, int deadtimeMillis) {
        this.status = status;
        this.deadtimeMillis = deadtimeMillis;
    }

    NodeStatus status() {
        return status;
    }

    int deadtimeMillis() {
        return deadtimeMillis;
    }

    @Override
    public short getMagicId() {
        return MAGIC_ID;
    }

    @Override
    public Supplier<? extends Header> create() {
        return StatusHeader::new;
    }

    @Override
    public int serializedSize() {
        return 1 + 4;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(status.wireCode());
        out.writeInt(deadtimeMillis);
    }

    @Override
    public void readFrom(DataInput in) throws IOException {
        try {
            status = NodeStatus.ofWire(in.readUnsignedByte());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
        deadtimeMillis = in.readInt();
        if (deadtimeMillis <= 0) {
            throw new IOException("dead time must be positive: " + deadtimeMillis);
        }
    }
}
