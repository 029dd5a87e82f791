package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.agents.kernel.Route;
import org.jheartbeat.agents.kernel.RtNetlink;
import org.jheartbeat.core.agent.OcfResult;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * findif's choices for the routing table of the spec's observation (§4.4): eth0 (index 2)
 * 10.88.0.0/24, ens9 (index 3) 10.99.0.0/24 elsewhere, default route via eth0, plus the local table.
 */
class FindifTest {

    private static final int ETH0 = 2;
    private static final int ENS9 = 3;
    private static final int LO = 1;

    private static Inet4Address ip(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }

    private static Route connected(String network, int length, int ifindex) throws Exception {
        return new Route(RtNetlink.RT_TABLE_MAIN, Optional.of(ip(network)), length, RtNetlink.RT_SCOPE_LINK,
                RtNetlink.RTN_UNICAST, 2, ifindex, Optional.empty(), Optional.empty());
    }

    private static List<Route> table() throws Exception {
        return List.of(
                new Route(RtNetlink.RT_TABLE_MAIN, Optional.empty(), 0, 0, RtNetlink.RTN_UNICAST, 3, ETH0,
                        Optional.empty(), Optional.of(ip("10.88.0.254"))),
                connected("10.88.0.0", 24, ETH0),
                new Route(RtNetlink.RT_TABLE_LOCAL, Optional.of(ip("10.88.0.1")), 32, RtNetlink.RT_SCOPE_HOST,
                        RtNetlink.RTN_LOCAL, 2, ETH0, Optional.empty(), Optional.empty()),
                new Route(RtNetlink.RT_TABLE_LOCAL, Optional.of(ip("127.0.0.0")), 8, RtNetlink.RT_SCOPE_HOST,
                        RtNetlink.RTN_LOCAL, 2, LO, Optional.empty(), Optional.empty()));
    }

    @Test
    void theObservedAnswers() throws Exception {
        assertEquals(new Findif.Result(ETH0, 24), Findif.find(table(), ip("10.88.0.100"), OptionalInt.empty(), OptionalInt.empty()));
        assertEquals(new Findif.Result(ETH0, 32), Findif.find(table(), ip("10.88.0.100"), OptionalInt.empty(), OptionalInt.of(32)));
        assertEquals(new Findif.Result(ETH0, 24), Findif.find(table(), ip("10.88.0.100"), OptionalInt.of(ETH0), OptionalInt.of(24)));
    }

    @Test
    void neitherTheDefaultRouteNorAnotherInterfaceServes() {
        AgentFailure notConnected = assertThrows(AgentFailure.class,
                () -> Findif.find(table(), ip("10.99.0.1"), OptionalInt.empty(), OptionalInt.empty()));
        assertEquals(OcfResult.ERR_GENERIC, notConnected.result());
        assertEquals("Unable to find nic or netmask.", notConnected.getMessage());
        assertThrows(AgentFailure.class, () -> Findif.find(table(), ip("10.88.0.100"), OptionalInt.of(LO), OptionalInt.empty()));
    }

    @Test
    void aNetmaskShorterThanEveryRouteFindsNothing() {
        assertThrows(AgentFailure.class, () -> Findif.find(table(), ip("10.88.0.100"), OptionalInt.empty(), OptionalInt.of(16)));
    }

    @Test
    void theLongestPrefixWinsAmongTwoInterfaces() throws Exception {
        List<Route> routes = List.of(connected("10.0.0.0", 16, ETH0), connected("10.0.5.0", 24, ENS9));
        assertEquals(new Findif.Result(ENS9, 24), Findif.find(routes, ip("10.0.5.9"), OptionalInt.empty(), OptionalInt.empty()));
        assertEquals(new Findif.Result(ETH0, 16), Findif.find(routes, ip("10.0.6.9"), OptionalInt.empty(), OptionalInt.empty()));
        assertEquals(new Findif.Result(ETH0, 16), Findif.find(routes, ip("10.0.5.9"), OptionalInt.of(ETH0), OptionalInt.empty()));
    }

    @Test
    void withInterfaceAndNetmaskGivenNoRouteIsNeeded() throws Exception {
        assertEquals(new Findif.Result(ENS9, 24), Findif.find(table(), ip("10.99.0.1"), OptionalInt.of(ENS9), OptionalInt.of(24)));
    }

    @Test
    void loopbackAddressesUseTheLocalTable() throws Exception {
        assertEquals(new Findif.Result(LO, 8), Findif.find(table(), ip("127.0.0.2"), OptionalInt.empty(), OptionalInt.empty()));
    }
}
