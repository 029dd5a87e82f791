package org.jheartbeat.agents.kernel;

/**
 * Generic netlink (uapi {@code linux/genetlink.h}) on top of {@link NetlinkSocket}: requests carry
 * the 4-byte {@code genlmsghdr} (command, version, reserved) after the nlmsghdr, and a family's
 * message type is a number the kernel assigns when the family registers, found by name through
 * the controller family {@code nlctrl}.
 */
public final class GenericNetlink {

    /** Size of {@code struct genlmsghdr}. */
    public static final int HEADER_LENGTH = 4;
    /** The controller's fixed family id. */
    public static final int GENL_ID_CTRL = 0x10;
    public static final int CTRL_CMD_GETFAMILY = 3;
    public static final int CTRL_VERSION = 1;
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    public static final int CTRL_ATTR_FAMILY_NAME = 2;

    private GenericNetlink() {
    }

    /** Starts a request: {@code flags} as for {@link NetlinkMessageWriter}, then cmd and version. */
    public static NetlinkMessageWriter request(int familyId, int command, int version, int flags) {
        return new NetlinkMessageWriter(familyId, flags).putU8(command).putU8(version).putU16(0);
    }

    /** The controller request that asks for a family by name. */
    public static NetlinkMessageWriter getFamily(String name) {
        return request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, CTRL_VERSION, 0)
                .attrString(CTRL_ATTR_FAMILY_NAME, name)
                .describedAs("resolve generic netlink family " + name);
    }

    /**
     * The id of a family, e.g. {@code IPVS}. A family that is not registered (its module is not
     * loaded and the kernel could not load it) fails with a {@link NetlinkException} of ENOENT.
     */
    public static int resolveFamily(NetlinkSocket socket, String name) throws ErrnoException, NetlinkProtocolException {
        NetlinkMessage reply = socket.requestOne(getFamily(name));
        try {
            return attributes(reply).first(CTRL_ATTR_FAMILY_ID)
                    .orElseThrow(() -> new NetlinkProtocolException("nlctrl answered for " + name + " without a family id"))
                    .u16();
        } catch (MalformedNetlinkException e) {
            throw new NetlinkProtocolException("nlctrl reply for " + name + ": " + e.getMessage(), e);
        }
    }

    /** The command byte of a generic netlink message. */
    public static int command(NetlinkMessage message) {
        if (message.payload().remaining() < HEADER_LENGTH) {
            throw new MalformedNetlinkException(message + " is too short for a generic netlink header");
        }
        return message.payload().get(0) & 0xFF;
    }

    /** The attributes after the generic netlink header. */
    public static NetlinkAttributes attributes(NetlinkMessage message) {
        return message.attributes(HEADER_LENGTH);
    }
}
