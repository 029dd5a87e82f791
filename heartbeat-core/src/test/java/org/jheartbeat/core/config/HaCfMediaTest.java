package org.jheartbeat.core.config;

import static org.jheartbeat.core.config.HaCfTesting.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** bcast, mcast, ucast, udpport, ping, ping_group and the media jheartbeat does not support. */
class HaCfMediaTest {

    /** The valid lines without a medium; media lines under test start at line 4. */
    private static HaCfTesting.Result media(String... lines) {
        List<String> all = new ArrayList<>(List.of("node loadb1 loadb2", "auto_failback on", "logfacility local0"));
        all.addAll(List.of(lines));
        return parse(all.toArray(String[]::new));
    }

    @Test
    void severalMediaOfEveryKindInDeclarationOrder() throws Exception {
        var r = media(
                "udpport 694",
                "bcast eth0 eth1",
                "mcast eth2 239.0.0.1 694 1 0",
                "ucast eth3 10.0.0.1",
                "ucast\teth3\t10.0.0.2  # the peer",
                "mcast bond0 225.0.0.9 1694 0 1");
        r.assertClean();
        assertEquals(List.of(
                new BcastMedium("eth0", 694, 5),
                new BcastMedium("eth1", 694, 5),
                new McastMedium("eth2", InetAddress.getByName("239.0.0.1"), 694, 1, false, 6),
                new UcastMedium("eth3", "10.0.0.1", 694, 7),
                new UcastMedium("eth3", "10.0.0.2", 694, 8),
                new McastMedium("bond0", InetAddress.getByName("225.0.0.9"), 1694, 0, true, 9)), r.cf().media());
        assertEquals(List.of("bcast", "bcast", "mcast", "ucast", "ucast", "mcast"),
                r.cf().media().stream().map(Medium::type).toList());
    }

    @Test
    void udpportSetsThePortOfBcastAndUcastButNotMcast() {
        var r = media("udpport 1001", "bcast eth0", "ucast eth1 peer.example.com", "mcast eth0 239.1.2.3 5000 1 1");
        r.assertClean();
        assertEquals(List.of(1001, 1001, 5000), r.cf().media().stream().map(m -> switch (m) {
            case BcastMedium b -> b.port();
            case UcastMedium u -> u.port();
            case McastMedium mc -> mc.port();
        }).toList());
        assertEquals(1001, r.cf().udpPort());
        assertEquals("1001", r.cf().parameters().get("udpport"));
    }

    @Test
    void theDefaultPortComesFromTheServicesDatabaseElse694() {
        var r = media("bcast eth0");
        assertEquals(694, r.cf().udpPort());
        assertEquals("694", r.cf().parameters().get("udpport"));
        var withService = HostDatabase.of(Set.of(), Set.of(), Map.of("ha-cluster", 7000), Set.of());
        var s = parse(withService, "node a b", "auto_failback on", "logfacility local0", "bcast eth0");
        assertEquals(7000, s.cf().udpPort());
        assertEquals(List.of(new BcastMedium("eth0", 7000, 4)), s.cf().media());
    }

    @Test
    void udpportAfterAMediumDoesNotChangeItsPortAndIsWarnedAbout() {
        var r = media("bcast eth0", "udpport 1001", "bcast eth1", "ucast eth2 10.0.0.2");
        r.assertProblemCount(1).assertWarning(5, "udpport setting must precede media statements: bcast (line 4)"
                + " already uses port 694");
        // bcast read the port once, at its first line; ucast reads it at its own first line
        assertEquals(List.of(new BcastMedium("eth0", 694, 4), new BcastMedium("eth1", 694, 6),
                new UcastMedium("eth2", "10.0.0.2", 1001, 7)), r.cf().media());
        assertEquals(1001, r.cf().udpPort());
        var both = media("bcast eth0", "ucast eth2 10.0.0.2", "udpport 800");
        both.assertWarning(6, "bcast (line 4) already uses port 694 and ucast (line 5) already uses port 694");
    }

    @ParameterizedTest(name = "udpport {0}")
    @CsvSource(delimiter = '|', value = {"0", "-1", "65536", "abc", "69x", "1e3"})
    void badUdpports(String value) {
        var r = media("udpport " + value, "bcast eth0");
        assertTrue(r.errors().stream().anyMatch(p -> p.line() == 4 && p.message().startsWith("invalid port [")),
                () -> r.problems().toString());
        assertEquals(694, r.cf().udpPort());
    }

    @Test
    void aPortOfAnotherServiceIsWarnedAbout() {
        media("udpport 514", "bcast eth0").assertProblemCount(1)
                .assertWarning(4, "udp port 514 reserved for service \"syslog\".");
    }

    @Test
    void bcastRefusesNamesThatCannotBeInterfaces() {
        media("bcast eth0 averyveryverylongname0").assertError(4, "bcast: bad interface name [averyveryverylongname0]");
        media("bcast eth0 ../x").assertError(4, "bcast: bad interface name [../x]");
        var ok = media("bcast eth0:1 br-lan vlan.100");
        ok.assertClean();
        assertEquals(3, ok.cf().media().size());
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
            "mcast|mcast: missing interface",
            "mcast eth0|mcast [eth0] missing mcast address",
            "mcast eth0 239.0.0.1|mcast [eth0] missing port",
            "mcast eth0 239.0.0.1 694|mcast [eth0] missing ttl",
            "mcast eth0 239.0.0.1 694 1|mcast [eth0] missing loop",
            "mcast eth0 10.0.0.1 694 1 0|mcast [eth0] bad addr [10.0.0.1]",
            "mcast eth0 240.0.0.1 694 1 0|mcast [eth0] bad addr [240.0.0.1]",
            "mcast eth0 224.0.0|mcast [eth0] bad addr [224.0.0]",
            "mcast eth0 ff02::1 694 1 0|mcast [eth0] bad addr [ff02::1]",
            "mcast eth0 mcast.example.com 694 1 0|mcast [eth0] bad addr [mcast.example.com]",
            "mcast eth0 239.0.0.1 0 1 0|mcast [eth0] bad port [0]",
            "mcast eth0 239.0.0.1 70000 1 0|mcast [eth0] bad port [70000]",
            "mcast eth0 239.0.0.1 port 1 0|mcast [eth0] bad port [port]",
            "mcast eth0 239.0.0.1 694 5 0|mcast [eth0] bad ttl [5]",
            "mcast eth0 239.0.0.1 694 255 0|mcast [eth0] bad ttl [255]",
            "mcast eth0 239.0.0.1 694 -1 0|mcast [eth0] bad ttl [-1]",
            "mcast eth0 239.0.0.1 694 one 0|mcast [eth0] bad ttl [one]",
            "mcast eth0 239.0.0.1 694 1 2|mcast [eth0] bad loop [2]",
            "mcast eth0 239.0.0.1 694 1 yes|mcast [eth0] bad loop [yes]",
            "mcast interfacenametoolong 239.0.0.1 694 1 0|mcast device [interfacenametoolong] is invalid or not set up properly",
            "mcast eth0,239.0.0.1 694 1 0|mcast [eth0,239.0.0.1] bad addr [694]"})
    void mcastErrors(String line, String message) {
        var r = media("bcast eth9", line);
        r.assertProblemCount(1).assertError(5, message);
        assertEquals(1, r.cf().media().size());
    }

    @Test
    void mcastTtlZeroToFourAndExtraFields() {
        for (int ttl = 0; ttl <= 4; ttl++) {
            media("mcast eth0 239.0.0.1 694 " + ttl + " 0").assertClean();
        }
        var r = media("mcast eth0 239.0.0.1 694 1 0 extra words");
        r.assertProblemCount(1).assertWarning(4, "text after the five fields is ignored: [extra words]");
        assertEquals(1, r.cf().media().size());
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
            "ucast|ucast: missing interface and target",
            "ucast eth0|ucast: [eth0] missing target IP address/hostname",
            "ucast eth0 10.0.0.256|ucast: [eth0] bad target [10.0.0.256]: it is not a valid IPv4 address",
            "ucast eth0 10.0.0|ucast: [eth0] bad target [10.0.0]: it is not a valid IPv4 address",
            "ucast eth0 fe80::1|ucast: [eth0] bad target [fe80::1]: it is an IPv6 address",
            "ucast eth0 peer@host|ucast: [eth0] bad target [peer@host]: it is neither",
            "ucast waytoolonginterface 10.0.0.2|ucast: interface [waytoolonginterface] is not a valid interface name"})
    void ucastErrors(String line, String message) {
        var r = media("bcast eth9", line);
        r.assertProblemCount(1).assertError(5, message);
        assertEquals(1, r.cf().media().size());
    }

    @Test
    void ucastTakesOnePeerPerLine() {
        var r = media("ucast eth1 10.0.0.1 10.0.0.2");
        r.assertProblemCount(1).assertWarning(4, "only one peer per line is used; [10.0.0.2] is ignored");
        assertEquals(List.of(new UcastMedium("eth1", "10.0.0.1", 694, 4)), r.cf().media());
    }

    @Test
    void ucastAcceptsHostNames() {
        var r = media("ucast eth1 loadb2", "ucast eth1 loadb2.example.com", "ucast eth1 db_2");
        r.assertClean();
        assertEquals(List.of("loadb2", "loadb2.example.com", "db_2"),
                r.cf().media().stream().map(m -> ((UcastMedium) m).peer()).toList());
    }

    @Test
    void withoutMediaTheConfigurationIsRefused() {
        var r = media();
        r.assertProblemCount(1).assertError(0, "No heartbeat media defined");
    }

    @Test
    void onlyPingMediaLeaveTheNodesDeafToEachOther() {
        media("ping 10.0.0.254").assertProblemCount(1).assertWarning(0, "only ping media are defined");
    }

    @Test
    void atMostSixtyFourMedia() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            lines.add("bcast eth" + i);
        }
        lines.add("ucast eth0 10.0.0.1");
        lines.add("ping 10.0.0.253 10.0.0.254");
        lines.add("ping_group routers 10.0.0.1 10.0.0.2");
        lines.add("mcast eth0 239.0.0.1 694 1 0");
        var r = media(lines.toArray(String[]::new));
        r.assertProblemCount(1).assertError(67, "Too many media specified (> 64); offending command: mcast eth0 239.0.0.1 694 1 0");
        assertEquals(61, r.cf().media().size());
        assertEquals(3, r.cf().pingTargets().size());
    }

    @Test
    void pingNodesOnePerAddress() {
        var r = media("bcast eth0", "ping 10.0.0.254, 10.0.1.254 gw.example.com");
        r.assertClean();
        assertEquals(List.of(new PingNode("10.0.0.254", 5), new PingNode("10.0.1.254", 5),
                new PingNode("gw.example.com", 5)), r.cf().pingTargets());
        assertEquals("10.0.0.254", r.cf().pingTargets().getFirst().name());
        assertEquals(List.of("10.0.0.254"), r.cf().pingTargets().getFirst().addresses());
    }

    @Test
    void pingErrorsAndRepeats() {
        var r = media("bcast eth0", "ping 10.0.0.300 10.0.0.1", "ping 10.0.0.1");
        r.assertProblemCount(2);
        r.assertError(5, "ping: bad ping node [10.0.0.300]");
        r.assertWarning(6, "ping node [10.0.0.1] is declared more than once");
        assertEquals(1, r.cf().pingTargets().size());
    }

    @Test
    void pingGroups() {
        var r = media("bcast eth0", "ping_group routers 10.0.0.1 10.0.0.2\t10.0.0.3");
        r.assertClean();
        assertEquals(List.of(new PingGroup("routers", List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), 5)),
                r.cf().pingTargets());
        media("bcast eth0", "ping_group").assertError(5, "ping_group: missing group name");
        media("bcast eth0", "ping_group routers").assertError(5, "ping_group [routers]: no addresses given");
        media("bcast eth0", "ping_group routers 10.0.0.1 ::1").assertError(5, "ping_group [routers]: bad address [::1]");
        media("bcast eth0", "ping 10.0.0.1", "ping_group 10.0.0.1 10.0.0.2")
                .assertError(6, "ping_group [10.0.0.1]: a ping node of that name already exists");
    }

    @Test
    void atMostOneHundredNodesCountingPingNodes() {
        List<String> lines = new ArrayList<>(List.of("bcast eth0"));
        StringBuilder nodes = new StringBuilder("node");
        for (int i = 0; i < 96; i++) {
            nodes.append(" n").append(i);
        }
        lines.add(nodes.toString());
        lines.add("ping 10.0.0.1 10.0.0.2");
        lines.add("ping 10.0.0.3");
        var r = media(lines.toArray(String[]::new));
        r.assertProblemCount(1).assertError(7, "Too many nodes: cannot add [10.0.0.3]");
        assertEquals(98, r.cf().nodes().size());
        assertEquals(2, r.cf().pingTargets().size());
    }

    @Test
    void serialIsRefusedWithAdvice() {
        var r = media("bcast eth0", "serial /dev/ttyS0");
        r.assertProblemCount(1).assertError(5, "serial [/dev/ttyS0]: serial media are not supported by jheartbeat;"
                + " connect the directors with a crossover Ethernet cable and use a ucast line");
    }

    @Test
    void baudIsCheckedOnceAndHasNoEffect() {
        media("baud 19200", "bcast eth0").assertProblemCount(1).assertWarning(4, "baud has no effect in jheartbeat");
        media("baud 14400", "bcast eth0").assertProblemCount(1).assertError(4, "invalid baudrate [14400] specified");
        var twice = media("baud 9600", "baud 115200", "bcast eth0");
        twice.assertError(5, "Baudrate multiply specified.");
        assertEquals("9600", twice.cf().parameters().get("baud"));
        assertEquals("19200", media("bcast eth0").cf().parameters().get("baud"));
    }

    @Test
    void ipv6MediaAreIgnoredWithAWarningOrRefused() {
        var r = media("bcast eth0", "mcast6 eth0 ff05::694 694 1 0", "ucast6 eth0 fe80::2");
        r.assertProblemCount(2);
        r.assertWarning(5, "mcast6 is not supported by jheartbeat (IPv4 media only): this line is ignored");
        r.assertWarning(6, "ucast6 is not supported by jheartbeat");
        assertEquals(1, r.cf().media().size());
        media("bcast eth0", "mcast6").assertError(5, "mcast6 statement without device");
        media("bcast eth0", "mcast6 eth0 ff05::694 694 1").assertError(5, "mcast6 [eth0] missing loop");
        media("bcast eth0", "ucast6 eth0").assertError(5, "ucast6 [eth0] missing ucast6 address");
        media("bcast eth0", "ping6 fe80::1").assertError(5, "ping6 [fe80::1]: IPv6 ping nodes are not supported");
        media("ucast6 eth0 fe80::2").assertError(0, "No heartbeat media defined");
    }
}
