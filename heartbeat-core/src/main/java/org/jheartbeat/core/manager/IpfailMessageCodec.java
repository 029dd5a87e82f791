package org.jheartbeat.core.manager;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.jheartbeat.core.policy.IpfailMessage;
import org.jheartbeat.core.policy.IpfailMessage.AbortGiveup;
import org.jheartbeat.core.policy.IpfailMessage.Join;
import org.jheartbeat.core.policy.IpfailMessage.Leave;
import org.jheartbeat.core.policy.IpfailMessage.NumPingNodes;
import org.jheartbeat.core.policy.IpfailMessage.YouAreDead;

/**
 * The bytes of an ipfail message on the hand-off stream: a marker byte that no resource
 * hand-off message starts with (those start with their version, 1), a version, a type byte, and
 * for {@code num_ping_nodes} the count. Decoding is strict: unknown versions and types, counts
 * out of range and trailing bytes are errors.
 */
public final class IpfailMessageCodec {

    /** 'I': tells ipfail payloads from resource hand-off payloads on the shared stream. */
    static final byte MARKER = 0x49;
    private static final int VERSION = 1;
    /** More ping nodes than anyone configures; a bigger count is a bug or an attack. */
    static final int MAX_PING_NODES = 1024;

    private static final byte JOIN = 1;
    private static final byte LEAVE = 2;
    private static final byte NUM_PING_NODES = 3;
    private static final byte YOU_ARE_DEAD = 4;
    private static final byte ABORT_GIVEUP = 5;

    private IpfailMessageCodec() {
    }

    /** Whether a hand-off payload is an ipfail message (else it is a resource hand-off message). */
    public static boolean isIpfail(byte[] payload) {
        return payload.length > 0 && payload[0] == MARKER;
    }

    public static byte[] encode(IpfailMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(MARKER);
            out.writeByte(VERSION);
            switch (message) {
                case Join ignored -> out.writeByte(JOIN);
                case Leave ignored -> out.writeByte(LEAVE);
                case NumPingNodes m -> {
                    if (m.count() > MAX_PING_NODES) {
                        throw new IllegalArgumentException("ping node count " + m.count() + " exceeds " + MAX_PING_NODES);
                    }
                    out.writeByte(NUM_PING_NODES);
                    out.writeShort(m.count());
                }
                case YouAreDead ignored -> out.writeByte(YOU_ARE_DEAD);
                case AbortGiveup ignored -> out.writeByte(ABORT_GIVEUP);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IOException naming what is wrong when the bytes are not an ipfail message of this version */
    public static IpfailMessage decode(byte[] payload) throws IOException {
        try {
            return decodeWhole(payload);
        } catch (EOFException e) {
            throw new IOException("ipfail message cut short (" + payload.length + " bytes)", e);
        }
    }

    private static IpfailMessage decodeWhole(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int marker = in.readUnsignedByte();
        if (marker != MARKER) {
            throw new IOException("not an ipfail message (first byte " + marker + ")");
        }
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException("ipfail message version " + version + ", expected " + VERSION);
        }
        byte type = in.readByte();
        IpfailMessage message = switch (type) {
            case JOIN -> new Join();
            case LEAVE -> new Leave();
            case NUM_PING_NODES -> {
                int count = in.readUnsignedShort();
                if (count > MAX_PING_NODES) {
                    throw new IOException("ping node count " + count + " exceeds " + MAX_PING_NODES);
                }
                yield new NumPingNodes(count);
            }
            case YOU_ARE_DEAD -> new YouAreDead();
            case ABORT_GIVEUP -> new AbortGiveup();
            default -> throw new IOException("unknown ipfail message type " + type);
        };
        if (in.available() > 0) {
            throw new IOException(in.available() + " bytes after a " + message.getClass().getSimpleName()
                    + " ipfail message");
        }
        return message;
    }
}
