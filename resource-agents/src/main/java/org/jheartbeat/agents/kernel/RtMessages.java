package org.jheartbeat.agents.kernel;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Building and reading rtnetlink messages: {@code ifinfomsg} (16 bytes), {@code ifaddrmsg}
 * (8 bytes) and {@code rtmsg} (12 bytes), each followed by attributes.
 */
final class RtMessages {

    static final int IFINFOMSG_LENGTH = 16;
    static final int IFADDRMSG_LENGTH = 8;
    static final int RTMSG_LENGTH = 12;

    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_OPERSTATE = 16;

    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_LABEL = 3;
    static final int IFA_BROADCAST = 4;
    static final int IFA_FLAGS = 8;

    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PREFSRC = 7;
    static final int RTA_TABLE = 15;

    private RtMessages() {
    }

    private static NetlinkMessageWriter ifinfomsg(int type, int flags, int family, int index, int ifFlags, int change) {
        return new NetlinkMessageWriter(type, flags)
                .putU8(family).putU8(0).putU16(0).putU32(index).putU32(ifFlags).putU32(change);
    }

    static NetlinkMessageWriter getLinks() {
        return ifinfomsg(RtNetlink.RTM_GETLINK, 0, Libc.AF_UNSPEC, 0, 0, 0).describedAs("RTM_GETLINK dump");
    }

    static NetlinkMessageWriter getLink(String name) {
        return ifinfomsg(RtNetlink.RTM_GETLINK, 0, Libc.AF_UNSPEC, 0, 0, 0)
                .attrString(IFLA_IFNAME, name)
                .describedAs("RTM_GETLINK " + name);
    }

    static NetlinkMessageWriter getLink(int index) {
        return ifinfomsg(RtNetlink.RTM_GETLINK, 0, Libc.AF_UNSPEC, index, 0, 0)
                .describedAs("RTM_GETLINK ifindex " + index);
    }

    static NetlinkMessageWriter setLinkUp(int index) {
        return ifinfomsg(RtNetlink.RTM_NEWLINK, 0, Libc.AF_UNSPEC, index, RtNetlink.IFF_UP, RtNetlink.IFF_UP)
                .describedAs("RTM_NEWLINK ifindex " + index + " up");
    }

    static Link parseLink(NetlinkMessage message) {
        ByteBuffer header = message.payload();
        if (header.remaining() < IFINFOMSG_LENGTH) {
            throw new MalformedNetlinkException("RTM_NEWLINK shorter than ifinfomsg");
        }
        NetlinkAttributes attributes = message.attributes(IFINFOMSG_LENGTH);
        Optional<MacAddress> mac = attributes.first(IFLA_ADDRESS)
                .filter(a -> a.length() == 6)
                .map(a -> new MacAddress(a.bytes()));
        return new Link(header.getInt(4),
                attributes.first(IFLA_IFNAME).map(NetlinkAttribute::string).orElse(""),
                header.getShort(2) & 0xFFFF,
                header.getInt(8),
                attributes.first(IFLA_MTU).map(NetlinkAttribute::u32).orElse(0),
                mac,
                attributes.first(IFLA_OPERSTATE).map(NetlinkAttribute::u8).orElse(Link.IF_OPER_UNKNOWN));
    }

    private static int family(InetAddress address) {
        return address instanceof Inet4Address ? Libc.AF_INET : Libc.AF_INET6;
    }

    private static NetlinkMessageWriter ifaddrmsg(int type, int flags, InterfaceAddress a) {
        return new NetlinkMessageWriter(type, flags)
                .putU8(family(a.address())).putU8(a.prefixLength()).putU8(a.flags() & 0xFF).putU8(a.scope())
                .putU32(a.ifindex());
    }

    static NetlinkMessageWriter getAddresses(int family) {
        return new NetlinkMessageWriter(RtNetlink.RTM_GETADDR, 0)
                .putU8(family).putU8(0).putU8(0).putU8(0).putU32(0)
                .describedAs("RTM_GETADDR dump");
    }

    static NetlinkMessageWriter newAddress(InterfaceAddress a) {
        NetlinkMessageWriter w = ifaddrmsg(RtNetlink.RTM_NEWADDR, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, a)
                .attrAddress(IFA_LOCAL, a.address())
                .attrAddress(IFA_ADDRESS, a.address());
        a.broadcast().ifPresent(b -> w.attrAddress(IFA_BROADCAST, b));
        if (!a.label().isEmpty()) {
            w.attrString(IFA_LABEL, a.label());
        }
        if ((a.flags() & ~0xFF) != 0) {
            w.attrU32(IFA_FLAGS, a.flags());
        }
        return w.describedAs("RTM_NEWADDR " + a.address().getHostAddress() + "/" + a.prefixLength()
                + " on ifindex " + a.ifindex());
    }

    static NetlinkMessageWriter deleteAddress(InterfaceAddress a) {
        InterfaceAddress unflagged = new InterfaceAddress(a.ifindex(), a.address(), a.prefixLength(), Optional.empty(),
                "", 0, 0);
        return ifaddrmsg(RtNetlink.RTM_DELADDR, 0, unflagged)
                .attrAddress(IFA_LOCAL, a.address())
                .attrAddress(IFA_ADDRESS, a.address())
                .describedAs("RTM_DELADDR " + a.address().getHostAddress() + "/" + a.prefixLength()
                        + " on ifindex " + a.ifindex());
    }

    static InterfaceAddress parseAddress(NetlinkMessage message) {
        ByteBuffer header = message.payload();
        if (header.remaining() < IFADDRMSG_LENGTH) {
            throw new MalformedNetlinkException("RTM_NEWADDR shorter than ifaddrmsg");
        }
        NetlinkAttributes attributes = message.attributes(IFADDRMSG_LENGTH);
        InetAddress address = optionalAddress(attributes, IFA_LOCAL)
                .or(() -> optionalAddress(attributes, IFA_ADDRESS))
                .orElseThrow(() -> new MalformedNetlinkException("RTM_NEWADDR without an address"));
        int flags = attributes.first(IFA_FLAGS).map(NetlinkAttribute::u32).orElse(u8(header, 2));
        return new InterfaceAddress(header.getInt(4), address, u8(header, 1),
                optionalAddress(attributes, IFA_BROADCAST),
                attributes.first(IFA_LABEL).map(NetlinkAttribute::string).orElse(""),
                u8(header, 3), flags);
    }

    static NetlinkMessageWriter getRoutes(int family) {
        return new NetlinkMessageWriter(RtNetlink.RTM_GETROUTE, 0)
                .putU8(family).putU8(0).putU8(0).putU8(0).putU8(0).putU8(0).putU8(0).putU8(0).putU32(0)
                .describedAs("RTM_GETROUTE dump");
    }

    static NetlinkMessageWriter deleteHostRoute(int table, Inet4Address destination, int ifindex) {
        return new NetlinkMessageWriter(RtNetlink.RTM_DELROUTE, 0)
                .putU8(Libc.AF_INET).putU8(32).putU8(0).putU8(0)
                .putU8(table).putU8(0).putU8(RtNetlink.RT_SCOPE_NOWHERE).putU8(0).putU32(0)
                .attrAddress(RTA_DST, destination)
                .attrU32(RTA_OIF, ifindex)
                .describedAs("RTM_DELROUTE " + destination.getHostAddress() + " table " + table
                        + " ifindex " + ifindex);
    }

    static Route parseRoute(NetlinkMessage message) {
        ByteBuffer header = message.payload();
        if (header.remaining() < RTMSG_LENGTH) {
            throw new MalformedNetlinkException("RTM_NEWROUTE shorter than rtmsg");
        }
        NetlinkAttributes attributes = message.attributes(RTMSG_LENGTH);
        int table = attributes.first(RTA_TABLE).map(NetlinkAttribute::u32).orElse(u8(header, 4));
        return new Route(table, optionalAddress(attributes, RTA_DST), u8(header, 1), u8(header, 6), u8(header, 7),
                u8(header, 5), attributes.first(RTA_OIF).map(NetlinkAttribute::u32).orElse(0),
                optionalAddress(attributes, RTA_PREFSRC), optionalAddress(attributes, RTA_GATEWAY));
    }

    private static Optional<InetAddress> optionalAddress(NetlinkAttributes attributes, int type) {
        return attributes.first(type).map(NetlinkAttribute::address);
    }

    private static int u8(ByteBuffer b, int offset) {
        return b.get(offset) & 0xFF;
    }
}
