package org.jheartbeat.agents.kernel.ipvs;

import static org.jheartbeat.agents.kernel.ipvs.IpvsListingTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.jheartbeat.agents.kernel.Hex;
import org.jheartbeat.agents.kernel.SentBytes;
import org.junit.jupiter.api.Test;

/**
 * Requests against the worked byte images of the IPVS spec (§8, family id 0x22), which are what
 * ipvsadm's library sends for the same commands.
 */
class IpvsRequestsTest {

    private final IpvsRequests requests = new IpvsRequests(0x22);
    private final ServiceKey web = new ServiceKey.Address(IpvsProtocol.TCP, ip("192.168.0.100"), 80);

    private static void assertImage(String image, byte[] actual) {
        assertEquals(Hex.format(Hex.parse(image)), Hex.format(actual));
    }

    @Test
    void addPersistentServiceIsSpecImage82() {
        assertImage("""
                0000  68 00 00 00 22 00 05 00 02 00 00 00 00 00 00 00
                0010  01 01 00 00 54 00 01 80 06 00 01 00 02 00 00 00
                0020  06 00 02 00 06 00 00 00 14 00 03 00 c0 a8 00 64
                0030  00 00 00 00 00 00 00 00 00 00 00 00 06 00 04 00
                0040  00 50 00 00 07 00 06 00 72 72 00 00 0c 00 07 00
                0050  01 00 00 00 ff ff ff ff 08 00 08 00 58 02 00 00
                0060  08 00 09 00 ff ff ff ff
                """, SentBytes.request(requests.addService(IpvsService.of(web, "rr").persistent(600)), 2));
    }

    @Test
    void addDirectRoutingServerIsSpecImage83() {
        assertImage("""
                0000  8c 00 00 00 22 00 05 00 03 00 00 00 00 00 00 00
                0010  05 01 00 00 30 00 01 80 06 00 01 00 02 00 00 00
                0020  06 00 02 00 06 00 00 00 14 00 03 00 c0 a8 00 64
                0030  00 00 00 00 00 00 00 00 00 00 00 00 06 00 04 00
                0040  00 50 00 00 48 00 02 80 06 00 0b 00 02 00 00 00
                0050  14 00 01 00 c0 a8 00 02 00 00 00 00 00 00 00 00
                0060  00 00 00 00 06 00 02 00 00 50 00 00 08 00 03 00
                0070  03 00 00 00 08 00 04 00 01 00 00 00 08 00 05 00
                0080  00 00 00 00 08 00 06 00 00 00 00 00
                """, SentBytes.request(requests.addDestination(web,
                IpvsDestination.of(ip("192.168.0.2"), 80, ForwardMethod.ROUTE, 1)), 3));
    }

    @Test
    void listServersIsSpecImage84Dump() {
        assertImage("""
                0000  44 00 00 00 22 00 01 03 04 00 00 00 00 00 00 00
                0010  08 01 00 00 30 00 01 80 06 00 01 00 02 00 00 00
                0020  06 00 02 00 06 00 00 00 14 00 03 00 c0 a8 00 64
                0030  00 00 00 00 00 00 00 00 00 00 00 00 06 00 04 00
                0040  00 50 00 00
                """, SentBytes.dump(requests.listDestinations(web), 4));
    }

    @Test
    void startMasterDaemonIsSpecImage85() {
        assertImage("""
                0000  34 00 00 00 22 00 05 00 05 00 00 00 00 00 00 00
                0010  09 01 00 00 20 00 03 80 08 00 01 00 01 00 00 00
                0020  09 00 02 00 65 74 68 30 00 00 00 00 08 00 03 00
                0030  00 00 00 00
                """, SentBytes.request(requests.startDaemon(SyncDaemon.of(SyncDaemon.State.MASTER, "eth0", 0)), 5));
    }

    @Test
    void firewallMarkIpv6ServiceCarriesMarkAndPrefixLength() {
        IpvsService service = IpvsService.of(new ServiceKey.FirewallMark(7, IpFamily.IPV6), "wlc")
                .persistent(360).withNetmask(64);
        assertImage("""
                0000  4c 00 00 00 22 00 05 00 01 00 00 00 00 00 00 00
                0010  01 01 00 00 38 00 01 80 06 00 01 00 0a 00 00 00   AF_INET6
                0020  08 00 05 00 07 00 00 00 08 00 06 00 77 6c 63 00   FWMARK 7; "wlc"
                0030  0c 00 07 00 01 00 00 00 ff ff ff ff 08 00 08 00   PERSISTENT, mask ~0
                0040  68 01 00 00 08 00 09 00 40 00 00 00               360 s; prefix 64 (host order)
                """, SentBytes.request(requests.addService(service), 1));
    }

    @Test
    void gueTunnelServerCarriesItsEncapsulation() {
        IpvsDestination tunnel = IpvsDestination.of(ip("10.0.0.4"), 80, ForwardMethod.TUNNEL, 2)
                .withTunnel(new TunnelOptions(TunnelOptions.Type.GUE, 6080, TunnelOptions.Checksum.REMOTE_CHECKSUM));
        byte[] bytes = SentBytes.request(requests.addDestination(web, tunnel), 1);
        // the dest nest ends with TUN_TYPE u8 1, TUN_PORT be16 6080 (0x17c0), TUN_FLAGS u16 2
        assertEquals("05 00 0d 00 01 00 00 00 06 00 0e 00 17 c0 00 00 06 00 0f 00 02 00 00 00",
                Hex.format(Arrays.copyOfRange(bytes, bytes.length - 24, bytes.length)));
    }

    @Test
    void stopDaemonNamesOnlyTheState() {
        assertImage("""
                0000  20 00 00 00 22 00 05 00 09 00 00 00 00 00 00 00
                0010  0a 01 00 00 0c 00 03 80 08 00 01 00 02 00 00 00
                """, SentBytes.request(requests.stopDaemon(SyncDaemon.State.BACKUP), 9));
    }
}
