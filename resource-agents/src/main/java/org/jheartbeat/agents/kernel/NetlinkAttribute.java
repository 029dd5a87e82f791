package org.jheartbeat.agents.kernel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One received attribute. {@link #type()} has the NESTED and NET_BYTEORDER bits masked off:
 * some kernel families send nests without the flag, so callers decide by type what a payload is.
 * Accessors check the payload length and throw {@link MalformedNetlinkException} when it does not fit.
 */
public final class NetlinkAttribute {

    private final int type;
    private final boolean nestedFlag;
    private final ByteBuffer payload;

    NetlinkAttribute(int rawType, ByteBuffer payload) {
        this.type = rawType & Netlink.NLA_TYPE_MASK;
        this.nestedFlag = (rawType & Netlink.NLA_F_NESTED) != 0;
        this.payload = payload.slice().order(ByteOrder.nativeOrder()).asReadOnlyBuffer();
    }

    public int type() {
        return type;
    }

    /** Whether the sender set {@code NLA_F_NESTED}; informative only. */
    public boolean hasNestedFlag() {
        return nestedFlag;
    }

    public int length() {
        return payload.remaining();
    }

    private ByteBuffer need(int bytes, String what) {
        if (payload.remaining() < bytes) {
            throw new MalformedNetlinkException("attribute " + type + ": " + what + " needs " + bytes
                    + " bytes, has " + payload.remaining());
        }
        return payload.duplicate().order(ByteOrder.nativeOrder());
    }

    public int u8() {
        return need(1, "u8").get() & 0xFF;
    }

    public int u16() {
        return need(2, "u16").getShort() & 0xFFFF;
    }

    /** An unsigned 32-bit value in an int (use {@link Integer#toUnsignedLong} when it may exceed 2^31). */
    public int u32() {
        return need(4, "u32").getInt();
    }

    public long u64() {
        return need(8, "u64").getLong();
    }

    public int be16() {
        return need(2, "be16").order(ByteOrder.BIG_ENDIAN).getShort() & 0xFFFF;
    }

    public int be32() {
        return need(4, "be32").order(ByteOrder.BIG_ENDIAN).getInt();
    }

    /** A string up to its first NUL (or the payload's end if the sender sent none). */
    public String string() {
        byte[] bytes = bytes();
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    public byte[] bytes() {
        byte[] copy = new byte[payload.remaining()];
        payload.duplicate().get(copy);
        return copy;
    }

    /** A 4-byte IPv4 or 16-byte IPv6 address. */
    public InetAddress address() {
        byte[] raw = bytes();
        if (raw.length != 4 && raw.length != 16) {
            throw new MalformedNetlinkException("attribute " + type + ": an address has 4 or 16 bytes, not " + raw.length);
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new MalformedNetlinkException("attribute " + type + ": " + e.getMessage());
        }
    }

    /** The payload read as a sequence of attributes. */
    public NetlinkAttributes nested() {
        return NetlinkAttributes.parse(payload.duplicate());
    }

    /** A read-only view of the payload, host byte order, for structs carried in an attribute. */
    public ByteBuffer payload() {
        return payload.duplicate().order(ByteOrder.nativeOrder());
    }

    @Override
    public String toString() {
        return "attr(" + type + ", " + payload.remaining() + " bytes)";
    }
}
