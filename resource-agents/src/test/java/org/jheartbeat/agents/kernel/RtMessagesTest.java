package org.jheartbeat.agents.kernel;

import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * rtnetlink requests byte for byte as they go on the wire (flags as the socket sends them), and
 * replies read from kernel-shaped bytes. Layouts: ipvs-netlink spec §9.
 */
class RtMessagesTest {

    private static String wire(NetlinkMessageWriter w, int socketFlags) {
        return Hex.format(w.toBytes(1, socketFlags | w.flags()));
    }

    private static final int ACKED = Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK;

    private static Inet4Address ip(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }

    @Test
    void addAddressWithBroadcastAndLabel() throws Exception {
        InterfaceAddress vip = new InterfaceAddress(2, ip("10.0.0.5"), 24, Optional.of(ip("10.0.0.255")), "eth0:0", 0, 0);
        assertEquals(Hex.format(Hex.parse("""
                0000  3c 00 00 00 14 00 05 06 01 00 00 00 00 00 00 00   RTM_NEWADDR REQUEST|ACK|EXCL|CREATE
                0010  02 18 00 00 02 00 00 00 08 00 02 00 0a 00 00 05   AF_INET /24 scope 0 ifindex 2; IFA_LOCAL
                0020  08 00 01 00 0a 00 00 05 08 00 04 00 0a 00 00 ff   IFA_ADDRESS; IFA_BROADCAST
                0030  0b 00 03 00 65 74 68 30 3a 30 00 00               IFA_LABEL "eth0:0"
                """)), wire(RtMessages.newAddress(vip), ACKED));
    }

    @Test
    void addAddressWithoutPrefixRouteCarriesTheFullFlagWord() throws Exception {
        InterfaceAddress vip = new InterfaceAddress(3, ip("10.0.0.5"), 32, Optional.empty(), "",
                0, RtNetlink.IFA_F_NOPREFIXROUTE);
        assertEquals(Hex.format(Hex.parse("""
                0000  30 00 00 00 14 00 05 06 01 00 00 00 00 00 00 00
                0010  02 20 00 00 03 00 00 00 08 00 02 00 0a 00 00 05
                0020  08 00 01 00 0a 00 00 05 08 00 08 00 00 02 00 00   IFA_FLAGS = NOPREFIXROUTE
                """)), wire(RtMessages.newAddress(vip), ACKED));
    }

    @Test
    void deleteAddressMatchesOnLocalAndPrefix() throws Exception {
        InterfaceAddress vip = new InterfaceAddress(2, ip("10.0.0.5"), 24, Optional.of(ip("10.0.0.255")), "eth0:0", 0, 0);
        assertEquals(Hex.format(Hex.parse("""
                0000  28 00 00 00 15 00 05 00 01 00 00 00 00 00 00 00   RTM_DELADDR REQUEST|ACK
                0010  02 18 00 00 02 00 00 00 08 00 02 00 0a 00 00 05
                0020  08 00 01 00 0a 00 00 05
                """)), wire(RtMessages.deleteAddress(vip), ACKED));
    }

    @Test
    void addressDumpRouteDumpAndLinkRequests() {
        assertEquals("18 00 00 00 16 00 01 03 01 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00",
                wire(RtMessages.getAddresses(Libc.AF_INET), Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP));
        assertEquals("1c 00 00 00 1a 00 01 03 01 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 00 00 00 00",
                wire(RtMessages.getRoutes(Libc.AF_INET), Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP));
        assertEquals(Hex.format(Hex.parse("""
                0000  2c 00 00 00 12 00 05 00 01 00 00 00 00 00 00 00   RTM_GETLINK
                0010  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ifinfomsg all zero
                0020  09 00 03 00 65 74 68 30 00 00 00 00               IFLA_IFNAME "eth0"
                """)), wire(RtMessages.getLink("eth0"), ACKED));
        assertEquals(Hex.format(Hex.parse("""
                0000  20 00 00 00 10 00 05 00 01 00 00 00 00 00 00 00   RTM_NEWLINK
                0010  00 00 00 00 07 00 00 00 01 00 00 00 01 00 00 00   ifindex 7, flags UP, change UP
                """)), wire(RtMessages.setLinkUp(7), ACKED));
    }

    @Test
    void deleteHostRouteOnLoopback() throws Exception {
        assertEquals(Hex.format(Hex.parse("""
                0000  2c 00 00 00 19 00 05 00 01 00 00 00 00 00 00 00   RTM_DELROUTE
                0010  02 20 00 00 fe 00 ff 00 00 00 00 00 08 00 01 00   /32 table main scope nowhere; RTA_DST
                0020  0a 00 00 05 08 00 04 00 01 00 00 00               RTA_OIF 1
                """)), wire(RtMessages.deleteHostRoute(RtNetlink.RT_TABLE_MAIN, ip("10.0.0.5"), 1), ACKED));
    }

    @Test
    void readsALinkReply() {
        NetlinkMessage reply = NetlinkMessage.parseAll(ByteBuffer.wrap(Hex.parse("""
                0000  40 00 00 00 10 00 00 00 01 00 00 00 2a 00 00 00
                0010  00 00 01 00 03 00 00 00 43 10 01 00 00 00 00 00   ETHER, ifindex 3, UP|RUNNING|MULTICAST|LOWER_UP
                0020  09 00 03 00 65 74 68 30 00 00 00 00 08 00 04 00   IFNAME eth0; MTU
                0030  dc 05 00 00 0a 00 01 00 2a 0f f9 bc e7 c8 00 00   1500; ADDRESS
                """))).getFirst();
        Link link = RtMessages.parseLink(reply);
        assertEquals(new Link(3, "eth0", 1, 0x11043, 1500, Optional.of(MacAddress.parse("2a0ff9bce7c8")),
                Link.IF_OPER_UNKNOWN), link);
    }

    @Test
    void readsAnAddressReplyPreferringTheFullFlagWord() throws Exception {
        NetlinkMessage reply = NetlinkMessage.parseAll(ByteBuffer.wrap(Hex.parse("""
                0000  34 00 00 00 14 00 02 00 01 00 00 00 2a 00 00 00
                0010  02 18 81 00 03 00 00 00 08 00 02 00 0a 00 00 05   /24 SECONDARY|PERMANENT ifindex 3; LOCAL
                0020  0b 00 03 00 65 74 68 30 3a 30 00 00 08 00 08 00   LABEL eth0:0; FLAGS
                0030  81 02 00 00
                """))).getFirst();
        InterfaceAddress address = RtMessages.parseAddress(reply);
        assertEquals(new InterfaceAddress(3, ip("10.0.0.5"), 24, Optional.empty(), "eth0:0", 0, 0x281), address);
    }
}
