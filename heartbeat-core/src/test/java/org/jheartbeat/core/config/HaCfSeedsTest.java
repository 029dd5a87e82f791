package org.jheartbeat.core.config;

import static org.jheartbeat.core.config.HaCfTesting.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole ha.cf files in the style of the classic two-director tutorials. */
class HaCfSeedsTest {

    private static List<Long> millis(Timers t) {
        return List.of(t.keepalive().toMillis(), t.deadtime().toMillis(), t.warntime().toMillis(),
                t.initdead().toMillis(), t.deadping().toMillis());
    }

    @Test
    void multicastDirectorsWithPingNodeAndIpfail() throws Exception {
        var r = parse(
                "#",
                "#\tha.cf for lvs2 and lvs3",
                "#",
                "debugfile /var/log/ha-debug",
                "logfile\t/var/log/ha-log",
                "logfacility     local0",
                "keepalive 1",
                "deadtime 10",
                "warntime 5",
                "initdead 120",
                "udpport 694",
                "mcast eth0 225.0.0.1 694 1 0",
                "auto_failback off",
                "node lvs2.mydomain.com",
                "node lvs3.mydomain.com",
                "ping 192.168.1.254",
                "respawn hacluster /usr/lib/heartbeat/ipfail",
                "apiauth ipfail gid=haclient uid=hacluster",
                "crm off");
        r.assertClean();
        HaCf cf = r.cf();
        assertEquals(List.of(1000L, 10000L, 5000L, 120000L, 10000L), millis(cf.timers()));
        assertEquals(List.of("lvs2.mydomain.com", "lvs3.mydomain.com"), cf.nodes());
        assertEquals(List.of(new McastMedium("eth0", InetAddress.getByName("225.0.0.1"), 694, 1, false, 12)), cf.media());
        assertEquals(List.of(new PingNode("192.168.1.254", 16)), cf.pingTargets());
        assertEquals(AutoFailback.OFF, cf.autoFailback());
        assertEquals(1, cf.ipfailClients().size());
        assertEquals(new ApiAuth("ipfail", List.of("hacluster"), List.of("haclient")), cf.apiAuth().get("ipfail"));
        assertEquals("off", cf.pacemaker());
        assertEquals("10", cf.parameters().get("deadtime"));
        assertEquals("10000ms", cf.parameters().get("deadping"));
    }

    @Test
    void unicastDirectorsWithTabsAndTrailingComments() {
        var r = parse(
                "logfacility\tlocal0\t\t# syslog",
                "keepalive\t2\t\t# seconds between heartbeats",
                "deadtime\t10",
                "warntime\t10",
                "initdead\t20",
                "udpport\t\t694",
                "ucast eth1 192.168.10.2   # the other director",
                "ucast eth1 192.168.10.1",
                "auto_failback on",
                "node\tloadb1",
                "node\tloadb2");
        r.assertClean();
        assertEquals(List.of(2000L, 10000L, 10000L, 20000L, 10000L), millis(r.cf().timers()));
        assertEquals(List.of(new UcastMedium("eth1", "192.168.10.2", 694, 7),
                new UcastMedium("eth1", "192.168.10.1", 694, 8)), r.cf().media());
    }

    @Test
    void nothingButTheEssentials() {
        var r = parse("bcast eth0", "node director1 director2", "auto_failback on", "logfile /var/log/ha-log");
        r.assertClean();
        assertEquals(List.of(1000L, 30000L, 15000L, 30000L, 30000L), millis(r.cf().timers()));
        assertEquals("30000ms", r.cf().parameters().get("initdead"));
    }

    @Test
    void shortTimersWithMilliseconds() {
        var r = parse("keepalive 2", "deadtime 5", "bcast eth0 eth1", "node a b", "auto_failback on",
                "logfacility daemon", "ping_group uplinks 10.1.0.1 10.2.0.1", "deadping 20", "debug 2");
        r.assertClean();
        assertEquals(List.of(2000L, 5000L, 2500L, 12000L, 20000L), millis(r.cf().timers()));
        assertEquals(Duration.ofMillis(12000), r.cf().timers().initdead());
        assertEquals(2, r.cf().logging().debugLevel());
    }

    @Test
    void aConfigurationWithManyMistakesReportsThemAll() {
        var r = parse(
                "Keepalive 2",
                "deadtime 500 ms",
                "mcast eth0 239.0.0.1 694 8 0",
                "ucast eth1",
                "node loadb1",
                "auto_failback sometimes",
                "serial /dev/ttyS0",
                "respawn hacluster ipfail",
                "crm yes",
                "logfacility LOCAL0",
                "warntime 0");
        assertEquals(List.of(1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 0),
                r.errors().stream().map(Problem::line).toList(), () -> r.problems().toString());
        r.assertError(0, "No heartbeat media defined");
    }
}
