package org.jheartbeat.core.membership;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Supplier;

import org.jgroups.Header;

/**
 * What {@link HmacAuthProtocol} adds to every packet: which key signed it, who sent it, the
 * sender's incarnation and packet counter (all inside the signature), and the signature.
 */
public final class AuthHeader extends Header {

    static final short MAGIC_ID = 3101;
    static final int MAX_NODE_NAME = 255;
    static final int MAX_MAC = 64;

    private int keyNumber;
    private String node;
    private long incarnation;
    private long counter;
    private byte[] mac;

    public AuthHeader() {
    }

    AuthHeader(int keyNumber, String node, long incarnation, long counter, byte[] mac) {
        this.keyNumber = keyNumber;
        this.node = node;
        this.incarnation = incarnation;
        this.counter = counter;
        this.mac = mac;
    }

    int keyNumber() {
        return keyNumber;
    }

    String node() {
        return node;
    }

    long incarnation() {
        return incarnation;
    }

    long counter() {
        return counter;
    }

    byte[] mac() {
        return mac;
    }

    @Override
    public short getMagicId() {
        return MAGIC_ID;
    }

    @Override
    public Supplier<? extends Header> create() {
        return AuthHeader::new;
    }

    @Override
    public int serializedSize() {
        return 1 + 2 + node.length() * 3 + 8 + 8 + 1 + mac.length;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(keyNumber);
        out.writeUTF(node);
        out.writeLong(incarnation);
        out.writeLong(counter);
        out.writeByte(mac.length);
        out.write(mac);
    }

    /** Reads hostile input: sizes are bounded so a forged header cannot make us allocate much. */
    @Override
    public void readFrom(DataInput in) throws IOException {
        keyNumber = in.readUnsignedByte();
        node = in.readUTF();
        if (node.isEmpty() || node.length() > MAX_NODE_NAME) {
            throw new IOException("bad node name length " + node.length());
        }
        incarnation = in.readLong();
        counter = in.readLong();
        int macLength = in.readUnsignedByte();
        if (macLength > MAX_MAC) {
            throw new IOException("signature too long: " + macLength);
        }
        mac = new byte[macLength];
        in.readFully(mac);
    }

    @Override
    public String toString() {
        return "auth key=" + keyNumber + " node=" + node + " inc=" + incarnation + " n=" + counter;
    }
}
