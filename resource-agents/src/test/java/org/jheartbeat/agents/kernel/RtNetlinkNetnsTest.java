package org.jheartbeat.agents.kernel;

import org.jheartbeat.agents.testing.Namespace;
import org.jheartbeat.agents.testing.NetnsLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Links, addresses and routes against the real kernel, in a namespace of the test's own. */
@Tag("netns")
class RtNetlinkNetnsTest {

    private NetnsLab lab;
    private Namespace host;

    @BeforeEach
    void setUp() throws Exception {
        lab = NetnsLab.create();
        host = lab.namespace("host");
        Namespace sw = lab.switchNamespace("sw");
        lab.plug(host, "eth0", sw);
        lab.plug(host, "eth1", sw);
        host.ip("link", "set", "eth0", "address", "2a:0f:f9:bc:e7:c8");
        host.ip("addr", "add", "10.88.0.1/24", "dev", "eth0");
        host.ip("addr", "add", "10.99.0.1/24", "dev", "eth1");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    private static Inet4Address ip(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }

    @Test
    void readsLinksWithNameIndexMacMtuAndState() throws Exception {
        host.run(() -> {
            try (RtNetlink rt = RtNetlink.open()) {
                Link eth0 = rt.link("eth0").orElseThrow();
                assertEquals("eth0", eth0.name());
                assertEquals(RtNetlink.ARPHRD_ETHER, eth0.type());
                assertEquals(Optional.of(MacAddress.parse("2a:0f:f9:bc:e7:c8")), eth0.mac());
                assertEquals(1500, eth0.mtu());
                assertTrue(eth0.isUp());
                assertEquals(eth0, rt.link(eth0.index()).orElseThrow());
                Link lo = rt.link("lo").orElseThrow();
                assertTrue(lo.isLoopback());
                assertEquals(List.of("eth0", "eth1", "lo"),
                        rt.links().stream().map(Link::name).sorted().toList());
                assertEquals(Optional.empty(), rt.link("eth9"));
            }
        });
    }

    @Test
    void addsListsAndDeletesAnAddressWithLabelAndBroadcast() throws Exception {
        String shown = host.call(() -> {
            try (RtNetlink rt = RtNetlink.open()) {
                int eth0 = rt.link("eth0").orElseThrow().index();
                InterfaceAddress vip = new InterfaceAddress(eth0, ip("10.88.0.100"), 24,
                        Optional.of(ip("10.88.0.255")), "eth0:vip", RtNetlink.RT_SCOPE_UNIVERSE, 0);
                rt.addAddress(vip);
                InterfaceAddress listed = rt.addresses(Libc.AF_INET).stream()
                        .filter(a -> a.address().equals(vip.address())).findFirst().orElseThrow();
                assertEquals(eth0, listed.ifindex());
                assertEquals(24, listed.prefixLength());
                assertEquals(Optional.of(ip("10.88.0.255")), listed.broadcast());
                assertEquals("eth0:vip", listed.label());
                assertTrue(listed.isSecondary(), "second address in 10.88.0.0/24 is secondary");

                NetlinkException twice = assertThrows(NetlinkException.class, () -> rt.addAddress(vip));
                assertEquals("EEXIST", twice.errnoName());
                assertTrue(twice.getMessage().startsWith("RTM_NEWADDR 10.88.0.100/24 on ifindex " + eth0 + ": EEXIST"),
                        twice.getMessage());
                return host.ip("-o", "-4", "addr", "show", "dev", "eth0");
            }
        });
        assertTrue(shown.contains("inet 10.88.0.100/24 brd 10.88.0.255 scope global secondary eth0:vip"), shown);

        host.run(() -> {
            try (RtNetlink rt = RtNetlink.open()) {
                int eth0 = rt.link("eth0").orElseThrow().index();
                InterfaceAddress vip = new InterfaceAddress(eth0, ip("10.88.0.100"), 24, Optional.empty(), "", 0, 0);
                rt.deleteAddress(vip);
                assertFalse(rt.addresses(Libc.AF_INET).stream().anyMatch(a -> a.address().equals(vip.address())));
                NetlinkException gone = assertThrows(NetlinkException.class, () -> rt.deleteAddress(vip));
                assertEquals(Errno.EADDRNOTAVAIL, gone.errno());
            }
        });
    }

    @Test
    void aLabelOfSixteenCharactersIsRefusedWithErange() throws Exception {
        host.run(() -> {
            try (RtNetlink rt = RtNetlink.open()) {
                int eth0 = rt.link("eth0").orElseThrow().index();
                NetlinkException e = assertThrows(NetlinkException.class, () -> rt.addAddress(new InterfaceAddress(
                        eth0, ip("10.88.0.101"), 24, Optional.empty(), "eth0:0123456789a", 0, 0)));
                assertEquals(Errno.ERANGE, e.errno());
            }
        });
    }

    @Test
    void dumpsConnectedRoutesAndDeletesAHostRoute() throws Exception {
        host.ip("route", "add", "10.77.0.5/32", "dev", "lo");
        host.run(() -> {
            try (RtNetlink rt = RtNetlink.open()) {
                int eth1 = rt.link("eth1").orElseThrow().index();
                Route connected = rt.routes(Libc.AF_INET).stream()
                        .filter(r -> r.table() == RtNetlink.RT_TABLE_MAIN && r.outputIfindex() == eth1)
                        .findFirst().orElseThrow();
                assertEquals(Optional.of(ip("10.99.0.0")), connected.destination());
                assertEquals(24, connected.prefixLength());
                assertEquals(RtNetlink.RT_SCOPE_LINK, connected.scope());
                assertEquals(Optional.of(ip("10.99.0.1")), connected.preferredSource());
                assertTrue(connected.contains(ip("10.99.0.200")));
                assertFalse(connected.contains(ip("10.88.0.200")));
                assertTrue(rt.routes(Libc.AF_INET).stream().anyMatch(r -> r.table() == RtNetlink.RT_TABLE_LOCAL
                        && r.type() == RtNetlink.RTN_LOCAL));

                int lo = rt.link("lo").orElseThrow().index();
                rt.deleteHostRoute(RtNetlink.RT_TABLE_MAIN, ip("10.77.0.5"), lo);
                NetlinkException again = assertThrows(NetlinkException.class,
                        () -> rt.deleteHostRoute(RtNetlink.RT_TABLE_MAIN, ip("10.77.0.5"), lo));
                assertEquals(Errno.ESRCH, again.errno());
            }
        });
    }

    @Test
    void bringsALinkUp() throws Exception {
        host.ip("link", "set", "eth1", "down");
        host.run(() -> {
            try (RtNetlink rt = RtNetlink.open()) {
                Link eth1 = rt.link("eth1").orElseThrow();
                assertFalse(eth1.isUp());
                rt.setLinkUp(eth1.index());
                assertTrue(rt.link("eth1").orElseThrow().isUp());
            }
        });
    }

    @Test
    void aHundredAddressesComeBackFromOneDump() throws Exception {
        host.run(() -> {
            try (RtNetlink rt = RtNetlink.open()) {
                int eth0 = rt.link("eth0").orElseThrow().index();
                for (int i = 1; i <= 100; i++) {
                    rt.addAddress(new InterfaceAddress(eth0, ip("10.88.1." + i), 32, Optional.empty(), "", 0, 0));
                }
                assertEquals(100, rt.addresses(Libc.AF_INET).stream()
                        .filter(a -> a.address().getHostAddress().startsWith("10.88.1.")).count());
            }
        });
    }
}
