package org.jheartbeat.core.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jheartbeat.core.config.Timers;
import org.jheartbeat.core.membership.MembershipEvent.CommsUp;
import org.jheartbeat.core.membership.MembershipEvent.LinkStatusChanged;
import org.jheartbeat.core.membership.MembershipEvent.NodeLate;
import org.jheartbeat.core.membership.MembershipEvent.NodeRestarted;
import org.jheartbeat.core.membership.MembershipEvent.NodeStatusChanged;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** The table's rules driven by an explicit clock (milliseconds turned into nanoseconds). */
class NodeTableTest {

    private static final Timers TIMERS = new Timers(Duration.ofMillis(100), Duration.ofMillis(500),
            Duration.ofMillis(250), Duration.ofMillis(2000), Duration.ofMillis(700));

    private long nowMillis;
    private final List<MembershipEvent> events = new ArrayList<>();

    private NodeTable table(List<String> links, List<String> pings) {
        NodeTable table = new NodeTable("x1", List.of("x1", "x2"), links, pings, TIMERS, () -> nowMillis * 1_000_000L);
        table.addListener(events::add);
        links.forEach(l -> table.localLinkUp(l, 1));
        return table;
    }

    private void at(long millis, NodeTable table) {
        nowMillis = millis;
        table.scan();
    }

    /** x2 heard on eth0 at 0 ms (dead time 500 ms), comms up at 1 ms; then silent. */
    private NodeTable peerHeardAtZero() {
        NodeTable table = table(List.of("eth0"), List.of());
        nowMillis = 0;
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
        at(1, table);
        return table;
    }

    private NodeStatus status(NodeTable table, String node) {
        return table.snapshot().node(node).orElseThrow().status();
    }

    private LinkStatus link(NodeTable table, String node, String link) {
        return table.snapshot().node(node).orElseThrow().link(link).orElseThrow();
    }

    @Test
    void aHeardPeerIsUpAndCommsComeUp() {
        NodeTable table = table(List.of("eth0"), List.of());
        assertEquals(NodeStatus.INIT, status(table, "x2"));
        nowMillis = 10;
        table.heard("x2", 7, "eth0", NodeStatus.UP, 500);
        at(20, table);
        assertEquals(NodeStatus.UP, status(table, "x2"));
        assertEquals(LinkStatus.UP, link(table, "x2", "eth0"));
        assertTrue(table.snapshot().commsUp());
        assertEquals(NodeStatus.ACTIVE, table.localStatus());
        assertTrue(events.contains(new LinkStatusChanged("x2", "eth0", LinkStatus.UP)));
        assertTrue(events.contains(new CommsUp()));
    }

    @Test
    void aHandoffPacketAloneDoesNotBringCommsUpWhileThePeersStatusIsUnknown() {
        NodeTable table = table(List.of("eth0"), List.of());
        nowMillis = 10;
        table.heard("x2", 7, "eth0", null, 0);
        at(20, table);
        assertFalse(table.snapshot().commsUp());
        assertEquals(NodeStatus.INIT, status(table, "x2"));
        table.heard("x2", 7, "eth0", NodeStatus.UP, 500);
        at(30, table);
        assertTrue(table.snapshot().commsUp());
        assertEquals(NodeStatus.UP, status(table, "x2"));
    }

    @Test
    void aSilentPeerIsDeadAfterItsDeadtimeAndNotBefore() {
        NodeTable table = peerHeardAtZero();
        at(500, table);
        assertEquals(NodeStatus.ACTIVE, status(table, "x2"));
        at(501, table);
        assertEquals(NodeStatus.DEAD, status(table, "x2"));
        assertEquals(LinkStatus.DEAD, link(table, "x2", "eth0"));
        int dead = events.indexOf(new NodeStatusChanged("x2", NodeType.NORMAL, NodeStatus.ACTIVE, NodeStatus.DEAD));
        int linkDead = events.indexOf(new LinkStatusChanged("x2", "eth0", LinkStatus.DEAD));
        assertTrue(linkDead >= 0 && dead > linkDead, events.toString());
    }

    @Test
    void silenceCountsFromAPacketsArrivalNotFromItsReading() {
        NodeTable table = table(List.of("eth0"), List.of());
        nowMillis = 40; // read and checked at 40 ms, arrived at 10 ms
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500, 10 * 1_000_000L);
        at(41, table);
        at(510, table);
        assertEquals(NodeStatus.ACTIVE, status(table, "x2"));
        at(511, table);
        assertEquals(NodeStatus.DEAD, status(table, "x2"), "dead 500 ms after the arrival, not after the reading");
    }

    @Test
    void anEarlierArrivalHandedUpLaterDoesNotTakeBackALaterOne() {
        NodeTable table = table(List.of("eth0"), List.of());
        nowMillis = 300;
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500, 300 * 1_000_000L);
        // the link's other socket hands up a packet that arrived before the one above
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500, 100 * 1_000_000L);
        at(301, table);
        at(700, table);
        assertEquals(NodeStatus.ACTIVE, status(table, "x2"), "silent since 300 ms, not since 100 ms");
        at(801, table);
        assertEquals(NodeStatus.DEAD, status(table, "x2"));
    }

    @Test
    void anArrivalAfterNowCountsAsNow() {
        NodeTable table = table(List.of("eth0"), List.of());
        nowMillis = 0;
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500, 400 * 1_000_000L);
        at(1, table);
        at(501, table);
        assertEquals(NodeStatus.DEAD, status(table, "x2"), "an arrival cannot postpone the dead time");
    }

    @Test
    void aPeerSilentForHalfItsDeadtimeIsLateOnceAndOnTimeWhenHeardAgain() {
        NodeTable table = peerHeardAtZero();
        at(250, table);
        assertFalse(events.stream().anyMatch(e -> e instanceof NodeLate), "exactly half is not late yet: " + events);
        at(251, table);
        at(300, table);
        assertEquals(List.of(new NodeLate("x2", true)), events.stream().filter(e -> e instanceof NodeLate).toList());
        assertEquals(NodeStatus.ACTIVE, status(table, "x2"), "late is not dead");

        nowMillis = 310;
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
        assertEquals(List.of(new NodeLate("x2", true), new NodeLate("x2", false)),
                events.stream().filter(e -> e instanceof NodeLate).toList());

        events.clear();
        at(600, table); // late again
        at(811, table); // and dead: the verdict needs no "on time" after it
        assertEquals(NodeStatus.DEAD, status(table, "x2"));
        assertEquals(new MembershipEvent.DeadVerdict("x2"), events.get(1), "the verdict comes before the link: " + events);
        assertEquals(1, events.stream().filter(e -> e instanceof MembershipEvent.DeadVerdict).count());
        assertEquals(List.of(new NodeLate("x2", true)), events.stream().filter(e -> e instanceof NodeLate).toList());
    }

    @Test
    void aPeerHeardOnOneOfTwoLinksIsNotLate() {
        NodeTable table = table(List.of("eth0", "eth1"), List.of());
        nowMillis = 0;
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
        table.heard("x2", 7, "eth1", NodeStatus.ACTIVE, 500);
        at(1, table);
        nowMillis = 200;
        table.heard("x2", 7, "eth1", NodeStatus.ACTIVE, 500);
        at(400, table);
        assertFalse(events.stream().anyMatch(e -> e instanceof NodeLate), events.toString());
        at(451, table);
        assertTrue(events.contains(new NodeLate("x2", true)), events.toString());
    }

    @Test
    void aScanTellsWhenTheNextVerdictFallsDueToTheNanosecond() {
        long[] nanos = {0};
        NodeTable table = new NodeTable("x1", List.of("x1", "x2"), List.of("eth0", "eth1"), List.of(), TIMERS,
                () -> nanos[0]);
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
        nanos[0] = 40_000_000;
        table.heard("x2", 7, "eth1", NodeStatus.ACTIVE, 500);
        table.scan(); // comms come up: from now on the dead time applies, not initdead
        nanos[0] = 50_000_000;
        assertEquals(500_000_001L, table.scan(), "eth0 falls due first");
        nanos[0] = 500_000_000;
        assertEquals(500_000_001L, table.scan());
        assertEquals(LinkStatus.UP, link(table, "x2", "eth0"));
        nanos[0] = 500_000_001;
        assertEquals(540_000_001L, table.scan(), "then eth1");
        assertEquals(LinkStatus.DEAD, link(table, "x2", "eth0"));
        assertEquals(NodeStatus.ACTIVE, status(table, "x2"));
        nanos[0] = 540_000_001;
        assertEquals(Long.MAX_VALUE, table.scan(), "nothing left to fall due");
        assertEquals(NodeStatus.DEAD, status(table, "x2"));
    }

    @Test
    void aPeerBackAfterAPartitionIsNotDeclaredDeadAgainByItsFirstStatus() {
        NodeTable table = peerHeardAtZero();
        at(501, table);
        assertEquals(NodeStatus.DEAD, status(table, "x2"));
        nowMillis = 1200;
        table.heard("x2", 7, "eth0", null, 0); // a hand-off packet comes back first
        assertTrue(events.contains(new MembershipEvent.NodeReturnedAfterPartition("x2")));
        events.clear();
        nowMillis = 1210;
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
        assertEquals(NodeStatus.ACTIVE, status(table, "x2"));
        assertFalse(events.stream().anyMatch(e -> e instanceof NodeStatusChanged c && c.status() == NodeStatus.DEAD),
                events.toString());
    }

    @Test
    void thePeersAdvertisedDeadtimeWins() {
        NodeTable table = table(List.of("eth0"), List.of());
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 900);
        at(1, table);
        at(800, table);
        assertEquals(NodeStatus.ACTIVE, status(table, "x2"));
        at(901, table);
        assertEquals(NodeStatus.DEAD, status(table, "x2"));
    }

    @Test
    void oneSilentLinkOfTwoLeavesTheNodeUp() {
        NodeTable table = table(List.of("eth0", "eth1"), List.of());
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
        table.heard("x2", 7, "eth1", NodeStatus.ACTIVE, 500);
        at(1, table);
        for (long t = 100; t <= 1000; t += 100) {
            nowMillis = t;
            table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
            table.scan();
        }
        assertEquals(LinkStatus.DEAD, link(table, "x2", "eth1"));
        assertEquals(LinkStatus.UP, link(table, "x2", "eth0"));
        assertEquals(NodeStatus.ACTIVE, status(table, "x2"));
        table.heard("x2", 7, "eth1", NodeStatus.ACTIVE, 500);
        assertEquals(LinkStatus.UP, link(table, "x2", "eth1"));
    }

    @Test
    void aNewIncarnationIsReportedAsARestart() {
        NodeTable table = table(List.of("eth0"), List.of());
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
        nowMillis = 50;
        table.heard("x2", 9, "eth0", NodeStatus.UP, 500);
        assertTrue(events.contains(new NodeRestarted("x2", 7, 9)));
        assertEquals(NodeStatus.UP, status(table, "x2"));
        assertEquals(9, table.snapshot().node("x2").orElseThrow().incarnation());
    }

    @Test
    void aDeadNodeHeardAgainComesBack() {
        NodeTable table = peerHeardAtZero();
        at(600, table);
        assertEquals(NodeStatus.DEAD, status(table, "x2"));
        nowMillis = 700;
        table.heard("x2", 8, "eth0", NodeStatus.INIT, 500);
        assertEquals(NodeStatus.INIT, status(table, "x2"));
        assertEquals(LinkStatus.UP, link(table, "x2", "eth0"));
    }

    @Test
    void aNodeNeverHeardIsDeclaredDeadAfterInitdeadThenCommsAreUp() {
        NodeTable table = table(List.of("eth0"), List.of());
        at(1999, table);
        assertFalse(table.snapshot().commsUp());
        assertEquals(NodeStatus.INIT, status(table, "x2"));
        at(2001, table);
        assertEquals(NodeStatus.DEAD, status(table, "x2"));
        assertTrue(table.snapshot().commsUp());
    }

    @Test
    void initdeadCountsFromWhenTheMediaAreOpenNotFromTheTablesCreation() {
        NodeTable table = table(List.of("eth0"), List.of());
        nowMillis = 25_000; // JGroups stacks took 25 s to open (an emulated CPU)
        table.mediaOpen();
        at(26_999, table);
        assertEquals(NodeStatus.INIT, status(table, "x2"));
        assertFalse(table.snapshot().commsUp());
        at(27_001, table);
        assertEquals(NodeStatus.DEAD, status(table, "x2"));
    }

    @Test
    void pingNodesFollowDeadping() {
        NodeTable table = table(List.of("eth0"), List.of("10.9.0.254"));
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
        table.pingAnswered("10.9.0.254");
        at(1, table);
        assertEquals(NodeStatus.PING, status(table, "10.9.0.254"));
        assertEquals(LinkStatus.UP, link(table, "10.9.0.254", "10.9.0.254"));
        nowMillis = 600;
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
        table.scan();
        assertEquals(NodeStatus.PING, status(table, "10.9.0.254"));
        at(701, table);
        assertEquals(NodeStatus.DEAD, status(table, "10.9.0.254"));
        assertEquals(NodeType.PING, table.snapshot().node("10.9.0.254").orElseThrow().type());
    }

    @Test
    void aLateStatusPacketIsLoggedAndOnePastDeadtimeMarksTheNodeDeadFirst() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(NodeTable.class);
        logger.addAppender(log);
        try {
            NodeTable table = table(List.of("eth0"), List.of());
            table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
            nowMillis = 320;
            table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
            nowMillis = 900; // no scan ran in between, as if the timer thread had stalled
            table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
            List<String> lines = log.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
            assertTrue(lines.contains("WARN Late heartbeat: Node x2: interval 320 ms"), lines.toString());
            assertTrue(lines.contains("ERROR Late heartbeat: Node x2: interval 580 ms (> deadtime)"), lines.toString());
            int crit = lines.indexOf("ERROR Late heartbeat: Node x2: interval 580 ms (> deadtime)");
            assertEquals("WARN node x2: is dead", lines.get(lines.indexOf("WARN node x2: is dead")));
            assertTrue(lines.indexOf("WARN node x2: is dead") > crit);
            assertEquals(NodeStatus.ACTIVE, status(table, "x2"));
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void unknownNodesAndTheLocalNodeAreNotTracked() {
        NodeTable table = table(List.of("eth0"), List.of());
        table.heard("intruder", 1, "eth0", NodeStatus.ACTIVE, 500);
        table.heard("x1", 1, "eth0", NodeStatus.ACTIVE, 500);
        assertTrue(table.snapshot().node("intruder").isEmpty());
        assertEquals(NodeStatus.UP, status(table, "x1"));
    }

    /** A table whose node was frozen (could not run) for the given spans of the test clock. */
    private NodeTable tableWithStalls(LocalStallMeter stalls) {
        NodeTable table = new NodeTable("x1", List.of("x1", "x2"), List.of("eth0"), List.of(), TIMERS,
                () -> nowMillis * 1_000_000L, t -> stalls.stalledNanos(t));
        table.addListener(events::add);
        table.localLinkUp("eth0", 1);
        return table;
    }

    private static void tickEvery25(LocalStallMeter stalls, long fromMillis, long toMillis) {
        for (long t = fromMillis; t <= toMillis; t += 25) {
            stalls.tick(t * 1_000_000L);
        }
    }

    @Test
    void aGapWhileThisNodeItselfWasFrozenIsNotThePeersSilence() {
        LocalStallMeter stalls = new LocalStallMeter(25_000_000L);
        NodeTable table = tableWithStalls(stalls);
        tickEvery25(stalls, 0, 1000);
        for (long t = 0; t <= 1000; t += 100) {
            nowMillis = t;
            table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
            table.scan();
        }
        // frozen from 1000 to 1700 ms: no scan, no receive; then the queued packet is read
        nowMillis = 1700;
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
        stalls.tick(1700 * 1_000_000L);
        table.scan();
        assertEquals(NodeStatus.ACTIVE, status(table, "x2"));
        assertEquals(LinkStatus.UP, link(table, "x2", "eth0"));
        assertFalse(events.stream().anyMatch(e -> e instanceof NodeStatusChanged c && c.status() == NodeStatus.DEAD),
                events.toString());
    }

    @Test
    void aPeerThatStaysSilentAfterAStallIsDeadOnceItWasHeardMissingForItsDeadtime() {
        LocalStallMeter stalls = new LocalStallMeter(25_000_000L);
        NodeTable table = tableWithStalls(stalls);
        stalls.tick(0);
        nowMillis = 0;
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
        tickEvery25(stalls, 25, 200);
        // frozen from 200 to 900 ms, then awake again, the peer still silent
        stalls.tick(900 * 1_000_000L);
        at(900, table);
        assertEquals(NodeStatus.ACTIVE, status(table, "x2"), "only 200 ms of the silence were observed");
        for (long t = 925; t <= 1200; t += 25) {
            stalls.tick(t * 1_000_000L);
            at(t, table);
        }
        assertEquals(NodeStatus.DEAD, status(table, "x2"), "200 ms before and more than 300 ms after the stall");
    }

    @Test
    void aLatePacketAfterRealSilenceStillMarksThePeerDead() {
        LocalStallMeter stalls = new LocalStallMeter(25_000_000L);
        NodeTable table = tableWithStalls(stalls);
        tickEvery25(stalls, 0, 600);
        nowMillis = 0;
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
        nowMillis = 600; // no scan ran in between in this test, but this node was awake throughout
        table.heard("x2", 7, "eth0", NodeStatus.ACTIVE, 500);
        assertTrue(events.contains(new NodeStatusChanged("x2", NodeType.NORMAL, NodeStatus.ACTIVE, NodeStatus.DEAD)),
                events.toString());
    }

    @Test
    void theStallMeterCountsOnlyGapsOfMoreThanTwoIntervalsAndNeverGoesBack() {
        LocalStallMeter stalls = new LocalStallMeter(10);
        assertEquals(0, stalls.stalledNanos(1000), "nothing is measured before the first tick");
        stalls.tick(1000);
        stalls.tick(1015);
        assertEquals(0, stalls.stalledNanos(1015));
        assertEquals(0, stalls.stalledNanos(1035), "two intervals late is still on time");
        assertEquals(26, stalls.stalledNanos(1051), "a stall still going on counts");
        stalls.tick(1051);
        assertEquals(26, stalls.stalledNanos(1051));
        stalls.tick(1060);
        assertEquals(26, stalls.stalledNanos(1060));
    }
}
