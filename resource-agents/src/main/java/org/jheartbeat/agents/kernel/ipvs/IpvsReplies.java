package org.jheartbeat.agents.kernel.ipvs;

import static org.jheartbeat.agents.kernel.ipvs.IpvsNetlink.*;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import org.jheartbeat.agents.kernel.MalformedNetlinkException;
import org.jheartbeat.agents.kernel.NetlinkAttribute;
import org.jheartbeat.agents.kernel.NetlinkAttributes;

/**
 * Reads the kernel's IPVS replies into records. Nests arrive without NLA_F_NESTED (the IPVS code
 * uses the old-style nest), so every nest is recognised by its type. A reply missing something
 * the kernel always sends is malformed.
 */
final class IpvsReplies {

    private IpvsReplies() {
    }

    static IpvsInfo info(NetlinkAttributes reply) {
        AttributeIndex top = AttributeIndex.of(reply);
        return new IpvsInfo(top.need(INFO_VERSION, "info version").u32(),
                top.need(INFO_CONN_TAB_SIZE, "connection table size").u32());
    }

    static IpvsTimeouts timeouts(NetlinkAttributes reply) {
        AttributeIndex top = AttributeIndex.of(reply);
        return new IpvsTimeouts(top.need(ATTR_TIMEOUT_TCP, "tcp timeout").u32(),
                top.need(ATTR_TIMEOUT_TCP_FIN, "tcpfin timeout").u32(),
                top.need(ATTR_TIMEOUT_UDP, "udp timeout").u32());
    }

    static IpvsServiceEntry service(NetlinkAttributes top) {
        AttributeIndex s = AttributeIndex.of(top).nest(ATTR_SERVICE, "service");
        IpFamily family = IpFamily.ofNumber(s.need(SVC_AF, "service family").u16());
        ServiceKey key;
        Optional<NetlinkAttribute> mark = s.first(SVC_FWMARK);
        if (mark.isPresent() && mark.get().u32() != 0) {
            key = new ServiceKey.FirewallMark(mark.get().u32(), family);
        } else {
            key = new ServiceKey.Address(IpvsProtocol.ofNumber(s.need(SVC_PROTOCOL, "service protocol").u16()),
                    address(s.need(SVC_ADDR, "service address"), family),
                    s.need(SVC_PORT, "service port").be16());
        }
        int flagBits = s.need(SVC_FLAGS, "service flags").payload().getInt();
        NetlinkAttribute netmask = s.need(SVC_NETMASK, "service netmask");
        IpvsService service = new IpvsService(key,
                s.need(SVC_SCHED_NAME, "scheduler").string(),
                ServiceFlag.fromBits(flagBits),
                s.need(SVC_TIMEOUT, "persistence timeout").u32(),
                family == IpFamily.IPV4 ? netmask.be32() : netmask.u32(),
                s.first(SVC_PE_NAME).map(NetlinkAttribute::string).orElse(""));
        return new IpvsServiceEntry(service, stats(s, SVC_STATS64, SVC_STATS));
    }

    static IpvsDestinationEntry destination(NetlinkAttributes top, IpFamily serviceFamily) {
        AttributeIndex d = AttributeIndex.of(top).nest(ATTR_DEST, "real server");
        IpFamily family = d.first(DEST_ADDR_FAMILY).map(a -> IpFamily.ofNumber(a.u16())).orElse(serviceFamily);
        TunnelOptions tunnel = d.has(DEST_TUN_TYPE)
                ? new TunnelOptions(TunnelOptions.Type.values()[bounded(d.first(DEST_TUN_TYPE).get().u8(), 3, "tunnel type")],
                        d.first(DEST_TUN_PORT).map(NetlinkAttribute::be16).orElse(0),
                        TunnelOptions.Checksum.values()[bounded(d.first(DEST_TUN_FLAGS).map(NetlinkAttribute::u16).orElse(0), 3, "tunnel flags")])
                : TunnelOptions.IPIP;
        IpvsDestination destination = new IpvsDestination(
                address(d.need(DEST_ADDR, "real server address"), family),
                d.need(DEST_PORT, "real server port").be16(),
                ForwardMethod.ofCode(d.need(DEST_FWD_METHOD, "forwarding method").u32()),
                d.need(DEST_WEIGHT, "weight").u32(),
                d.need(DEST_U_THRESH, "upper threshold").u32(),
                d.need(DEST_L_THRESH, "lower threshold").u32(),
                tunnel);
        return new IpvsDestinationEntry(destination,
                d.need(DEST_ACTIVE_CONNS, "active connections").u32(),
                d.need(DEST_INACT_CONNS, "inactive connections").u32(),
                d.first(DEST_PERSIST_CONNS).map(NetlinkAttribute::u32).orElse(0),
                stats(d, DEST_STATS64, DEST_STATS));
    }

    static SyncDaemon daemon(NetlinkAttributes top) {
        AttributeIndex d = AttributeIndex.of(top).nest(ATTR_DAEMON, "sync daemon");
        Optional<InetAddress> group = d.first(DAEMON_MCAST_GROUP).map(a -> address(a, IpFamily.IPV4))
                .or(() -> d.first(DAEMON_MCAST_GROUP6).map(a -> address(a, IpFamily.IPV6)));
        return new SyncDaemon(SyncDaemon.State.ofBit(d.need(DAEMON_STATE, "daemon state").u32()),
                d.need(DAEMON_MCAST_IFN, "daemon interface").string(),
                d.need(DAEMON_SYNC_ID, "sync id").u32(),
                d.first(DAEMON_SYNC_MAXLEN).map(NetlinkAttribute::u16).orElse(0),
                group,
                d.first(DAEMON_MCAST_PORT).map(NetlinkAttribute::u16).orElse(0),
                d.first(DAEMON_MCAST_TTL).map(NetlinkAttribute::u8).orElse(0));
    }

    /** 64-bit counters when the kernel sends them (4.x on), else the old set with 32-bit counts. */
    private static IpvsStats stats(AttributeIndex parent, int stats64Type, int stats32Type) {
        Optional<NetlinkAttribute> wide = parent.first(stats64Type);
        if (wide.isPresent()) {
            AttributeIndex s = AttributeIndex.of(wide.get().nested());
            return new IpvsStats(u64(s, STATS_CONNS), u64(s, STATS_INPKTS), u64(s, STATS_OUTPKTS),
                    u64(s, STATS_INBYTES), u64(s, STATS_OUTBYTES), u64(s, STATS_CPS), u64(s, STATS_INPPS),
                    u64(s, STATS_OUTPPS), u64(s, STATS_INBPS), u64(s, STATS_OUTBPS));
        }
        Optional<NetlinkAttribute> narrow = parent.first(stats32Type);
        if (narrow.isEmpty()) {
            return IpvsStats.ZERO;
        }
        AttributeIndex s = AttributeIndex.of(narrow.get().nested());
        return new IpvsStats(u32(s, STATS_CONNS), u32(s, STATS_INPKTS), u32(s, STATS_OUTPKTS),
                u64(s, STATS_INBYTES), u64(s, STATS_OUTBYTES), u32(s, STATS_CPS), u32(s, STATS_INPPS),
                u32(s, STATS_OUTPPS), u32(s, STATS_INBPS), u32(s, STATS_OUTBPS));
    }

    private static long u64(AttributeIndex s, int type) {
        return s.first(type).map(NetlinkAttribute::u64).orElse(0L);
    }

    private static long u32(AttributeIndex s, int type) {
        return s.first(type).map(a -> Integer.toUnsignedLong(a.u32())).orElse(0L);
    }

    /** The first bytes of a {@code union nf_inet_addr} that the family uses. */
    private static InetAddress address(NetlinkAttribute attribute, IpFamily family) {
        byte[] raw = attribute.bytes();
        if (raw.length < family.addressLength()) {
            throw new MalformedNetlinkException("attribute " + attribute.type() + ": " + raw.length
                    + " bytes cannot hold an " + family + " address");
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOf(raw, family.addressLength()));
        } catch (UnknownHostException e) {
            throw new MalformedNetlinkException(e.getMessage());
        }
    }

    private static int bounded(int value, int limit, String what) {
        if (value < 0 || value >= limit) {
            throw new MalformedNetlinkException(what + " " + value + " is unknown");
        }
        return value;
    }
}
