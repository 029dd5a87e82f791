package org.jheartbeat.agents.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The attributes of a message (or of a nested attribute), in the order they were sent. */
public final class NetlinkAttributes {

    private final List<NetlinkAttribute> attributes;

    private NetlinkAttributes(List<NetlinkAttribute> attributes) {
        this.attributes = List.copyOf(attributes);
    }

    /**
     * Reads attributes from the buffer's position to its limit.
     *
     * @throws MalformedNetlinkException when a length field points outside the buffer
     */
    public static NetlinkAttributes parse(ByteBuffer bytes) {
        ByteBuffer in = bytes.slice().order(ByteOrder.nativeOrder());
        List<NetlinkAttribute> found = new ArrayList<>();
        while (in.remaining() >= Netlink.ATTRIBUTE_HEADER_LENGTH) {
            int start = in.position();
            int length = in.getShort(start) & 0xFFFF;
            int rawType = in.getShort(start + 2) & 0xFFFF;
            if (length < Netlink.ATTRIBUTE_HEADER_LENGTH || length > in.remaining()) {
                throw new MalformedNetlinkException("attribute at offset " + start + " claims " + length
                        + " bytes, " + in.remaining() + " left");
            }
            ByteBuffer payload = in.slice(start + Netlink.ATTRIBUTE_HEADER_LENGTH, length - Netlink.ATTRIBUTE_HEADER_LENGTH);
            found.add(new NetlinkAttribute(rawType, payload));
            in.position(Math.min(in.limit(), start + Netlink.align(length)));
        }
        return new NetlinkAttributes(found);
    }

    public List<NetlinkAttribute> all() {
        return attributes;
    }

    /** The first attribute of this type. */
    public Optional<NetlinkAttribute> first(int type) {
        return attributes.stream().filter(a -> a.type() == type).findFirst();
    }

    /** Every attribute of this type, for repeated attributes. */
    public List<NetlinkAttribute> every(int type) {
        return attributes.stream().filter(a -> a.type() == type).toList();
    }

    public boolean has(int type) {
        return first(type).isPresent();
    }

    @Override
    public String toString() {
        return attributes.toString();
    }
}
