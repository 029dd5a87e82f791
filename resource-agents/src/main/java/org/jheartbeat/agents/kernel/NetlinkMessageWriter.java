package org.jheartbeat.agents.kernel;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one netlink request: the 16-byte {@code nlmsghdr}, then the protocol's fixed header
 * (written field by field with the {@code put*} methods: {@code ifaddrmsg} for rtnetlink,
 * the 4-byte {@code genlmsghdr} for generic netlink), then attributes, each aligned to 4 bytes.
 *
 * <p>Integers are written in host order; {@code be16}/{@code be32} in network order. The header's
 * length is filled in by {@link #toBytes(int)}; {@link NetlinkSocket} supplies sequence number and
 * request flags when it sends.
 */
public final class NetlinkMessageWriter {

    private final int type;
    private final int flags;
    private String description;
    private ByteBuffer buffer = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());

    /**
     * @param type  the message type ({@code RTM_NEWADDR}, a generic netlink family id, ...)
     * @param flags request modifiers such as {@code NLM_F_CREATE | NLM_F_EXCL}; the socket adds
     *              {@code NLM_F_REQUEST} and {@code NLM_F_ACK} or {@code NLM_F_DUMP} as needed
     */
    public NetlinkMessageWriter(int type, int flags) {
        this.type = type;
        this.flags = flags;
        buffer.position(Netlink.HEADER_LENGTH);
        this.description = "netlink message type " + type;
    }

    /** Names the request in error messages, e.g. {@code RTM_NEWADDR 10.0.0.5/24 on eth0}. */
    public NetlinkMessageWriter describedAs(String text) {
        this.description = text;
        return this;
    }

    public String description() {
        return description;
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    /** The message length so far, header included. */
    public int length() {
        return buffer.position();
    }

    private void ensure(int more) {
        if (buffer.remaining() < more) {
            int capacity = Math.max(buffer.capacity() * 2, buffer.position() + more);
            ByteBuffer bigger = ByteBuffer.allocate(capacity).order(ByteOrder.nativeOrder());
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
    }

    private void pad() {
        int aligned = Netlink.align(buffer.position());
        ensure(aligned - buffer.position());
        while (buffer.position() < aligned) {
            buffer.put((byte) 0);
        }
    }

    // ---- fixed (family) header fields, written without alignment ----

    public NetlinkMessageWriter putU8(int value) {
        ensure(1);
        buffer.put((byte) value);
        return this;
    }

    public NetlinkMessageWriter putU16(int value) {
        ensure(2);
        buffer.putShort((short) value);
        return this;
    }

    public NetlinkMessageWriter putU32(int value) {
        ensure(4);
        buffer.putInt(value);
        return this;
    }

    public NetlinkMessageWriter putBytes(byte[] value) {
        ensure(value.length);
        buffer.put(value);
        return this;
    }

    // ---- attributes ----

    private NetlinkMessageWriter attribute(int attributeType, int payloadLength) {
        pad();
        int length = Netlink.ATTRIBUTE_HEADER_LENGTH + payloadLength;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("attribute " + attributeType + " too long: " + length + " bytes");
        }
        ensure(Netlink.align(length));
        buffer.putShort((short) length);
        buffer.putShort((short) attributeType);
        return this;
    }

    /** An attribute with no payload (a flag attribute). */
    public NetlinkMessageWriter attrFlag(int attributeType) {
        return attribute(attributeType, 0);
    }

    public NetlinkMessageWriter attrU8(int attributeType, int value) {
        attribute(attributeType, 1);
        buffer.put((byte) value);
        return this;
    }

    public NetlinkMessageWriter attrU16(int attributeType, int value) {
        attribute(attributeType, 2);
        buffer.putShort((short) value);
        return this;
    }

    public NetlinkMessageWriter attrU32(int attributeType, int value) {
        attribute(attributeType, 4);
        buffer.putInt(value);
        return this;
    }

    public NetlinkMessageWriter attrU64(int attributeType, long value) {
        attribute(attributeType, 8);
        buffer.putLong(value);
        return this;
    }

    /** A 16-bit value in network byte order (ports). */
    public NetlinkMessageWriter attrBe16(int attributeType, int value) {
        attribute(attributeType, 2);
        buffer.put((byte) (value >>> 8)).put((byte) value);
        return this;
    }

    /** A 32-bit value in network byte order (netmasks). */
    public NetlinkMessageWriter attrBe32(int attributeType, int value) {
        attribute(attributeType, 4);
        buffer.put((byte) (value >>> 24)).put((byte) (value >>> 16)).put((byte) (value >>> 8)).put((byte) value);
        return this;
    }

    /** A NUL-terminated UTF-8 string; the NUL is part of the payload. */
    public NetlinkMessageWriter attrString(int attributeType, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        attribute(attributeType, bytes.length + 1);
        buffer.put(bytes).put((byte) 0);
        return this;
    }

    public NetlinkMessageWriter attrBytes(int attributeType, byte[] value) {
        attribute(attributeType, value.length);
        buffer.put(value);
        return this;
    }

    /** An IPv4 (4 bytes) or IPv6 (16 bytes) address in network order. */
    public NetlinkMessageWriter attrAddress(int attributeType, InetAddress address) {
        return attrBytes(attributeType, address.getAddress());
    }

    /**
     * An address padded with zeros to {@code width} bytes, for families whose attribute is a
     * fixed-size {@code union nf_inet_addr} (16 bytes) whatever the address family.
     */
    public NetlinkMessageWriter attrAddress(int attributeType, InetAddress address, int width) {
        byte[] raw = address.getAddress();
        if (raw.length > width) {
            throw new IllegalArgumentException(address + " does not fit in " + width + " bytes");
        }
        return attrBytes(attributeType, Arrays.copyOf(raw, width));
    }

    /**
     * Opens a nested attribute (sent with {@code NLA_F_NESTED}); attributes written until the
     * matching {@link #endNested(int)} form its payload.
     *
     * @return a mark to pass to {@link #endNested(int)}
     */
    public int beginNested(int attributeType) {
        attribute(attributeType | Netlink.NLA_F_NESTED, 0);
        return buffer.position() - Netlink.ATTRIBUTE_HEADER_LENGTH;
    }

    public NetlinkMessageWriter endNested(int mark) {
        pad();
        int length = buffer.position() - mark;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("nested attribute too long: " + length + " bytes");
        }
        buffer.putShort(mark, (short) length);
        return this;
    }

    /** The finished message with this writer's own flags (as given, nothing added). */
    public byte[] toBytes(int seq) {
        return toBytes(seq, flags);
    }

    /** The finished message with the given header flags; the writer stays usable. */
    byte[] toBytes(int seq, int headerFlags) {
        pad();
        int length = buffer.position();
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        out.put(buffer.array(), 0, length);
        out.putInt(0, length);
        out.putShort(4, (short) type);
        out.putShort(6, (short) headerFlags);
        out.putInt(8, seq);
        out.putInt(12, 0);
        return out.array();
    }
}
