package org.jheartbeat.agents.kernel.ipvs;

import static org.jheartbeat.agents.kernel.ipvs.IpvsNetlink.*;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jheartbeat.agents.kernel.GenericNetlink;
import org.jheartbeat.agents.kernel.NetlinkMessageWriter;

/**
 * Builds IPVS requests. Attribute order and contents follow what ipvsadm's library sends, so a
 * request here has the same bytes as the equivalent ipvsadm command (see the golden tests).
 */
final class IpvsRequests {

    private final int familyId;

    IpvsRequests(int familyId) {
        this.familyId = familyId;
    }

    private NetlinkMessageWriter request(int command, String description) {
        return GenericNetlink.request(familyId, command, IpvsNetlink.VERSION, 0).describedAs(description);
    }

    NetlinkMessageWriter info() {
        return request(CMD_GET_INFO, "IPVS get info");
    }

    NetlinkMessageWriter timeouts() {
        return request(CMD_GET_CONFIG, "IPVS get timeouts");
    }

    NetlinkMessageWriter setTimeouts(IpvsTimeouts t) {
        return request(CMD_SET_CONFIG, "IPVS set timeouts")
                .attrU32(ATTR_TIMEOUT_TCP, t.tcp())
                .attrU32(ATTR_TIMEOUT_TCP_FIN, t.tcpFin())
                .attrU32(ATTR_TIMEOUT_UDP, t.udp());
    }

    NetlinkMessageWriter addService(IpvsService service) {
        return serviceWithSettings(CMD_NEW_SERVICE, service);
    }

    NetlinkMessageWriter editService(IpvsService service) {
        return serviceWithSettings(CMD_SET_SERVICE, service);
    }

    NetlinkMessageWriter deleteService(ServiceKey key) {
        NetlinkMessageWriter w = request(CMD_DEL_SERVICE, "delete " + describe(key));
        return identity(w, key);
    }

    NetlinkMessageWriter getService(ServiceKey key) {
        return identity(request(CMD_GET_SERVICE, "get " + describe(key)), key);
    }

    NetlinkMessageWriter listServices() {
        return request(CMD_GET_SERVICE, "list IPVS services");
    }

    NetlinkMessageWriter zero(ServiceKey key) {
        return identity(request(CMD_ZERO, "zero counters of " + describe(key)), key);
    }

    NetlinkMessageWriter zeroAll() {
        return request(CMD_ZERO, "zero all IPVS counters");
    }

    NetlinkMessageWriter flush() {
        return request(CMD_FLUSH, "flush the IPVS table");
    }

    NetlinkMessageWriter addDestination(ServiceKey key, IpvsDestination d) {
        return destination(CMD_NEW_DEST, "add real server " + describe(d) + " to " + describe(key), key, d);
    }

    NetlinkMessageWriter editDestination(ServiceKey key, IpvsDestination d) {
        return destination(CMD_SET_DEST, "edit real server " + describe(d) + " of " + describe(key), key, d);
    }

    NetlinkMessageWriter deleteDestination(ServiceKey key, InetAddress address, int port) {
        NetlinkMessageWriter w = identity(request(CMD_DEL_DEST, "delete real server "
                + AddressText.withPort(address, port) + " from " + describe(key)), key);
        int nest = w.beginNested(ATTR_DEST);
        w.attrU16(DEST_ADDR_FAMILY, IpFamily.of(address).number())
                .attrAddress(DEST_ADDR, address, ADDRESS_WIDTH)
                .attrBe16(DEST_PORT, port);
        return w.endNested(nest);
    }

    NetlinkMessageWriter listDestinations(ServiceKey key) {
        return identity(request(CMD_GET_DEST, "list real servers of " + describe(key)), key);
    }

    NetlinkMessageWriter startDaemon(SyncDaemon d) {
        NetlinkMessageWriter w = request(CMD_NEW_DAEMON, "start " + d.state().text() + " sync daemon on " + d.interfaceName());
        int nest = w.beginNested(ATTR_DAEMON);
        w.attrU32(DAEMON_STATE, d.state().bit())
                .attrString(DAEMON_MCAST_IFN, d.interfaceName())
                .attrU32(DAEMON_SYNC_ID, d.syncId());
        if (d.maxMessageLength() != 0) {
            w.attrU16(DAEMON_SYNC_MAXLEN, d.maxMessageLength());
        }
        d.group().ifPresent(g -> {
            if (g instanceof Inet4Address) {
                w.attrBytes(DAEMON_MCAST_GROUP, g.getAddress());
            } else {
                w.attrBytes(DAEMON_MCAST_GROUP6, g.getAddress());
            }
        });
        if (d.port() != 0) {
            w.attrU16(DAEMON_MCAST_PORT, d.port());
        }
        if (d.ttl() != 0) {
            w.attrU8(DAEMON_MCAST_TTL, d.ttl());
        }
        return w.endNested(nest);
    }

    NetlinkMessageWriter stopDaemon(SyncDaemon.State state) {
        NetlinkMessageWriter w = request(CMD_DEL_DAEMON, "stop " + state.text() + " sync daemon");
        int nest = w.beginNested(ATTR_DAEMON);
        w.attrU32(DAEMON_STATE, state.bit());
        return w.endNested(nest);
    }

    NetlinkMessageWriter listDaemons() {
        return request(CMD_GET_DAEMON, "list sync daemons");
    }

    private NetlinkMessageWriter serviceWithSettings(int command, IpvsService s) {
        String verb = command == CMD_NEW_SERVICE ? "add " : "edit ";
        NetlinkMessageWriter w = request(command, verb + describe(s.key()));
        int nest = w.beginNested(ATTR_SERVICE);
        identityAttributes(w, s.key());
        w.attrString(SVC_SCHED_NAME, s.scheduler());
        if (!s.persistenceEngine().isEmpty()) {
            w.attrString(SVC_PE_NAME, s.persistenceEngine());
        }
        w.attrBytes(SVC_FLAGS, flags(ServiceFlag.toBits(s.flags()), ALL_FLAGS))
                .attrU32(SVC_TIMEOUT, s.persistenceTimeout());
        if (s.key().family() == IpFamily.IPV4) {
            w.attrBe32(SVC_NETMASK, s.netmask());
        } else {
            w.attrU32(SVC_NETMASK, s.netmask());
        }
        return w.endNested(nest);
    }

    private NetlinkMessageWriter destination(int command, String description, ServiceKey key, IpvsDestination d) {
        NetlinkMessageWriter w = identity(request(command, description), key);
        int nest = w.beginNested(ATTR_DEST);
        w.attrU16(DEST_ADDR_FAMILY, d.family().number())
                .attrAddress(DEST_ADDR, d.address(), ADDRESS_WIDTH)
                .attrBe16(DEST_PORT, d.port())
                .attrU32(DEST_FWD_METHOD, d.method().code())
                .attrU32(DEST_WEIGHT, d.weight())
                .attrU32(DEST_U_THRESH, d.upperThreshold())
                .attrU32(DEST_L_THRESH, d.lowerThreshold());
        // Only tunnels have encapsulation options, and kernels before 5.2 do not know them.
        if (d.method() == ForwardMethod.TUNNEL && !d.tunnel().equals(TunnelOptions.IPIP)) {
            w.attrU8(DEST_TUN_TYPE, d.tunnel().type().ordinal())
                    .attrBe16(DEST_TUN_PORT, d.tunnel().port())
                    .attrU16(DEST_TUN_FLAGS, d.tunnel().checksum().ordinal());
        }
        return w.endNested(nest);
    }

    /** The service nest with only what identifies the service. */
    private static NetlinkMessageWriter identity(NetlinkMessageWriter w, ServiceKey key) {
        int nest = w.beginNested(ATTR_SERVICE);
        identityAttributes(w, key);
        return w.endNested(nest);
    }

    private static void identityAttributes(NetlinkMessageWriter w, ServiceKey key) {
        w.attrU16(SVC_AF, key.family().number());
        switch (key) {
            case ServiceKey.FirewallMark f -> w.attrU32(SVC_FWMARK, f.mark());
            case ServiceKey.Address a -> w.attrU16(SVC_PROTOCOL, a.protocol().number())
                    .attrAddress(SVC_ADDR, a.address(), ADDRESS_WIDTH)
                    .attrBe16(SVC_PORT, a.port());
        }
    }

    /** {@code struct ip_vs_flags {u32 flags; u32 mask;}} in host order. */
    private static byte[] flags(int flags, int mask) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(flags).putInt(mask).array();
    }

    static String describe(ServiceKey key) {
        return switch (key) {
            case ServiceKey.FirewallMark f -> "service FWM " + Integer.toUnsignedString(f.mark())
                    + (f.family() == IpFamily.IPV6 ? " IPv6" : "");
            case ServiceKey.Address a -> "service " + a.protocol().listingName() + " "
                    + AddressText.withPort(a.address(), a.port());
        };
    }

    private static String describe(IpvsDestination d) {
        return AddressText.withPort(d.address(), d.port());
    }
}
