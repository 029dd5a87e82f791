package org.jheartbeat.agents.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One received netlink message: the {@code nlmsghdr} fields and a copy of everything after the
 * header (the protocol's fixed header, then attributes).
 */
public final class NetlinkMessage {

    private final int type;
    private final int flags;
    private final int seq;
    private final int portId;
    private final byte[] payload;

    public NetlinkMessage(int type, int flags, int seq, int portId, byte[] payload) {
        this.type = type;
        this.flags = flags;
        this.seq = seq;
        this.portId = portId;
        this.payload = payload.clone();
    }

    /**
     * Splits a datagram into its messages (each starts at a 4-byte boundary).
     *
     * @throws MalformedNetlinkException when a length field is impossible
     */
    public static List<NetlinkMessage> parseAll(ByteBuffer datagram) {
        ByteBuffer in = datagram.slice().order(ByteOrder.nativeOrder());
        List<NetlinkMessage> messages = new ArrayList<>();
        while (in.remaining() >= Netlink.HEADER_LENGTH) {
            int start = in.position();
            int length = in.getInt(start);
            if (length < Netlink.HEADER_LENGTH || length > in.remaining()) {
                throw new MalformedNetlinkException("message at offset " + start + " claims " + length
                        + " bytes, " + in.remaining() + " left");
            }
            byte[] body = new byte[length - Netlink.HEADER_LENGTH];
            in.get(start + Netlink.HEADER_LENGTH, body);
            messages.add(new NetlinkMessage(in.getShort(start + 4) & 0xFFFF, in.getShort(start + 6) & 0xFFFF,
                    in.getInt(start + 8), in.getInt(start + 12), body));
            in.position(Math.min(in.limit(), start + Netlink.align(length)));
        }
        if (in.hasRemaining()) {
            throw new MalformedNetlinkException(in.remaining() + " stray bytes after the last message");
        }
        return messages;
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) == flag;
    }

    public int seq() {
        return seq;
    }

    public int portId() {
        return portId;
    }

    /** Total length as {@code nlmsg_len} would say. */
    public int length() {
        return Netlink.HEADER_LENGTH + payload.length;
    }

    /** A read-only view of everything after the nlmsghdr, host byte order. */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    /**
     * The attributes that follow a fixed header of {@code familyHeaderLength} bytes (8 for
     * {@code ifaddrmsg}, 16 for {@code ifinfomsg}, 4 for {@code genlmsghdr}, ...).
     */
    public NetlinkAttributes attributes(int familyHeaderLength) {
        int offset = Netlink.align(familyHeaderLength);
        if (offset > payload.length) {
            throw new MalformedNetlinkException("message type " + type + " has " + payload.length
                    + " payload bytes, shorter than its " + familyHeaderLength + "-byte header");
        }
        return NetlinkAttributes.parse(ByteBuffer.wrap(payload, offset, payload.length - offset));
    }

    @Override
    public String toString() {
        return "nlmsg(type " + type + ", flags 0x" + Integer.toHexString(flags) + ", seq " + seq
                + ", " + length() + " bytes)";
    }
}
