package org.jheartbeat.agents.kernel.ipvs;

import static org.jheartbeat.agents.kernel.ipvs.IpvsListingTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.jheartbeat.agents.kernel.GenericNetlink;
import org.jheartbeat.agents.kernel.MalformedNetlinkException;
import org.jheartbeat.agents.kernel.NetlinkAttributes;
import org.jheartbeat.agents.kernel.NetlinkMessage;
import org.junit.jupiter.api.Test;

/**
 * Replies built the way the kernel builds them: nests WITHOUT NLA_F_NESTED, addresses as 16-byte
 * unions, the HASHED flag set, 32- and 64-bit statistics side by side.
 */
class IpvsRepliesTest {

    static byte[] attr(int type, byte[]... parts) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            payload.writeBytes(p);
        }
        int length = 4 + payload.size();
        ByteBuffer b = ByteBuffer.allocate((length + 3) & ~3).order(ByteOrder.nativeOrder());
        b.putShort((short) length).putShort((short) type).put(payload.toByteArray());
        return b.array();
    }

    static byte[] u8(int v) {
        return new byte[] {(byte) v};
    }

    static byte[] u16(int v) {
        return ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) v).array();
    }

    static byte[] be16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(v).array();
    }

    static byte[] str(String s) {
        byte[] t = s.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(t, t.length + 1);
    }

    static byte[] union(String address) {
        return Arrays.copyOf(ip(address).getAddress(), 16);
    }

    /** A generic netlink message with the given command and top-level attributes, parsed back. */
    static NetlinkAttributes reply(int cmd, byte[]... attributes) {
        byte[] body = attr(0, attributes);   // reuse attr() to concatenate; strip its header below
        byte[] genl = {(byte) cmd, 1, 0, 0};
        ByteBuffer m = ByteBuffer.allocate(16 + 4 + body.length - 4).order(ByteOrder.nativeOrder());
        m.putInt(m.capacity()).putShort((short) 0x22).putShort((short) 2).putInt(7).putInt(1234);
        m.put(genl).put(body, 4, body.length - 4);
        NetlinkMessage message = NetlinkMessage.parseAll(m.flip()).getFirst();
        return GenericNetlink.attributes(message);
    }

    @Test
    void serviceReplyWithKernelStyleNestsAndBothStatistics() {
        NetlinkAttributes top = reply(1, attr(1,
                attr(1, u16(2)), attr(2, u16(6)), attr(3, union("192.168.0.100")), attr(4, be16(80)),
                attr(6, str("rr")), attr(7, u32(0x3), u32(0xFFFFFFFF)), attr(8, u32(600)),
                attr(9, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0}),
                attr(10, attr(1, u32(5)), attr(4, u64(999))),
                attr(12, attr(1, u64(5_000_000_000L)), attr(2, u64(6)), attr(3, u64(7)), attr(4, u64(8)),
                        attr(5, u64(9)), attr(6, u64(10)), attr(7, u64(11)), attr(8, u64(12)), attr(9, u64(13)),
                        attr(10, u64(14)), attr(11, u64(0)))));
        IpvsServiceEntry entry = IpvsReplies.service(top);
        IpvsService expected = IpvsService.of(new ServiceKey.Address(IpvsProtocol.TCP, ip("192.168.0.100"), 80), "rr")
                .persistent(600).withNetmask(0xFFFFFF00);
        assertEquals(expected, entry.service());
        assertEquals(new IpvsStats(5_000_000_000L, 6, 7, 8, 9, 10, 11, 12, 13, 14), entry.stats());
    }

    @Test
    void oldKernelsThirtyTwoBitStatisticsAreUsedWhenThatIsAllThereIs() {
        NetlinkAttributes top = reply(1, attr(1, attr(1, u16(10)), attr(5, u32(0xFFFFFFF0)), attr(6, str("sh")),
                attr(7, u32(0x2 | 0x4 | 0x10), u32(0xFFFFFFFF)), attr(8, u32(0)), attr(9, u32(128)),
                attr(10, attr(1, u32(0xFFFFFFFF)), attr(4, u64(1L << 40)))));
        IpvsServiceEntry entry = IpvsReplies.service(top);
        assertEquals(new ServiceKey.FirewallMark(0xFFFFFFF0, IpFamily.IPV6), entry.service().key());
        assertEquals(Set.of(ServiceFlag.ONE_PACKET, ServiceFlag.SCHED2), entry.service().flags());
        assertEquals(4294967295L, entry.stats().connections());
        assertEquals(1L << 40, entry.stats().inBytes());
    }

    @Test
    void destinationReplyWithTunnelAndConnections() {
        NetlinkAttributes top = reply(5, attr(2, attr(1, union("10.0.0.4")), attr(2, be16(80)), attr(3, u32(2)),
                attr(4, u32(3)), attr(13, u8(1)), attr(14, be16(6080)), attr(15, u16(1)), attr(5, u32(100)),
                attr(6, u32(50)), attr(7, u32(4)), attr(8, u32(5)), attr(9, u32(6)), attr(11, u16(2))));
        IpvsDestinationEntry entry = IpvsReplies.destination(top, IpFamily.IPV4);
        assertEquals(IpvsDestination.of(ip("10.0.0.4"), 80, ForwardMethod.TUNNEL, 3).withThresholds(100, 50)
                .withTunnel(new TunnelOptions(TunnelOptions.Type.GUE, 6080, TunnelOptions.Checksum.CHECKSUM)),
                entry.destination());
        assertEquals(4, entry.activeConnections());
        assertEquals(5, entry.inactiveConnections());
        assertEquals(6, entry.persistentConnections());
        assertEquals(IpvsStats.ZERO, entry.stats());
    }

    @Test
    void daemonReplyWithKernelDefaults() {
        NetlinkAttributes top = reply(9, attr(3, attr(1, u32(1)), attr(2, str("eth0")), attr(3, u32(0)),
                attr(4, u16(1472)), attr(7, u16(8848)), attr(8, u8(1)), attr(5, ip("224.0.0.81").getAddress())));
        assertEquals(new SyncDaemon(SyncDaemon.State.MASTER, "eth0", 0, 1472, Optional.of(ip("224.0.0.81")), 8848, 1),
                IpvsReplies.daemon(top));
    }

    @Test
    void infoTimeoutsAndMissingAttributes() {
        assertEquals("1.2.1", IpvsReplies.info(reply(14, attr(1, u32(0x010201)), attr(2, u32(4096)))).versionText());
        assertEquals(new IpvsTimeouts(900, 120, 300),
                IpvsReplies.timeouts(reply(12, attr(4, u32(900)), attr(5, u32(120)), attr(6, u32(300)))));
        MalformedNetlinkException e = assertThrows(MalformedNetlinkException.class,
                () -> IpvsReplies.info(reply(14, attr(1, u32(0x010201)))));
        assertEquals("IPVS reply without connection table size (attribute 2)", e.getMessage());
    }
}
