package org.jheartbeat.agents.kernel;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Links, addresses and routes over NETLINK_ROUTE: what {@code ip link}, {@code ip addr} and
 * {@code ip route} do for IPaddr2. Works in the network namespace of the thread that opened it.
 * Message layouts are in {@link RtMessages}.
 */
public final class RtNetlink implements AutoCloseable {

    public static final int RTM_NEWLINK = 16;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;

    public static final int IFF_UP = 0x1;
    public static final int IFF_LOOPBACK = 0x8;

    public static final int ARPHRD_ETHER = 1;
    public static final int ARPHRD_LOOPBACK = 772;

    public static final int IFA_F_SECONDARY = 0x01;
    public static final int IFA_F_NOPREFIXROUTE = 0x200;

    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;
    public static final int RT_SCOPE_NOWHERE = 255;

    public static final int RT_TABLE_MAIN = 254;
    public static final int RT_TABLE_LOCAL = 255;
    public static final int RTN_UNICAST = 1;
    public static final int RTN_LOCAL = 2;

    private final NetlinkSocket socket;

    private RtNetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Opens a NETLINK_ROUTE socket in the calling thread's network namespace. */
    public static RtNetlink open() throws ErrnoException {
        return new RtNetlink(NetlinkSocket.open(Netlink.NETLINK_ROUTE));
    }

    public List<Link> links() throws ErrnoException, NetlinkProtocolException {
        return socket.dump(RtMessages.getLinks()).stream().map(RtMessages::parseLink).toList();
    }

    /** The link named {@code name}, or empty when there is none (the kernel says ENODEV). */
    public Optional<Link> link(String name) throws ErrnoException, NetlinkProtocolException {
        try {
            return Optional.of(RtMessages.parseLink(socket.requestOne(RtMessages.getLink(name))));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Optional<Link> link(int index) throws ErrnoException, NetlinkProtocolException {
        try {
            return Optional.of(RtMessages.parseLink(socket.requestOne(RtMessages.getLink(index))));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code ip link set NIC up}. */
    public void setLinkUp(int index) throws ErrnoException, NetlinkProtocolException {
        socket.command(RtMessages.setLinkUp(index));
    }

    /** Every address of {@code family} ({@link Libc#AF_INET}, {@link Libc#AF_INET6}, or AF_UNSPEC for both). */
    public List<InterfaceAddress> addresses(int family) throws ErrnoException, NetlinkProtocolException {
        return socket.dump(RtMessages.getAddresses(family)).stream().map(RtMessages::parseAddress).toList();
    }

    /**
     * {@code ip addr add}: fails with EEXIST when the same address/prefix is already on the
     * interface. An empty label means the kernel's default (the interface name).
     */
    public void addAddress(InterfaceAddress address) throws ErrnoException, NetlinkProtocolException {
        socket.command(RtMessages.newAddress(address));
    }

    /** The request {@link #addAddress} sends, encoded but not sent (a start's rehearsal builds it). */
    public static byte[] newAddressRequest(InterfaceAddress address) {
        return RtMessages.newAddress(address).toBytes(0);
    }

    /** {@code ip addr del ADDRESS/PREFIX dev NIC}: fails with EADDRNOTAVAIL when it is not there. */
    public void deleteAddress(InterfaceAddress address) throws ErrnoException, NetlinkProtocolException {
        socket.command(RtMessages.deleteAddress(address));
    }

    public List<Route> routes(int family) throws ErrnoException, NetlinkProtocolException {
        List<Route> routes = new ArrayList<>();
        for (NetlinkMessage message : socket.dump(RtMessages.getRoutes(family))) {
            if (message.type() == RTM_NEWROUTE) {
                routes.add(RtMessages.parseRoute(message));
            }
        }
        return routes;
    }

    /**
     * {@code ip route del DESTINATION/32 dev NIC} in {@code table}, any scope; fails with ESRCH
     * when no such route exists.
     */
    public void deleteHostRoute(int table, Inet4Address destination, int ifindex)
            throws ErrnoException, NetlinkProtocolException {
        socket.command(RtMessages.deleteHostRoute(table, destination, ifindex));
    }

    @Override
    public void close() throws ErrnoException {
        socket.close();
    }
}
