package org.jheartbeat.cli.membership;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real daemons, each in its own network namespace, joined by bridges: what each one's
 * membership table says as nodes and links come and go. Timers are short (100 ms keepalive,
 * 500 ms deadtime) so the whole class runs in about a minute.
 */
@Tag("netns")
class MembershipNetnsTest {

    static final String TIMERS = "keepalive 100ms\ndeadtime 500ms\nwarntime 300ms\ninitdead 1\nudpport 6940\n"
            + "crm off\nauto_failback off\n";
    static final String KEY = "auth 1\n1 sha1 ThisIsMyPassword\n";
    static final Duration SOON = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    NetnsLab lab;

    @BeforeEach
    void lab() throws IOException {
        Assumptions.assumeTrue(NetnsLab.isRoot(), "needs root to create network namespaces");
        Assumptions.assumeTrue(Files.isExecutable(HeartbeatNode.LAUNCHER),
                "needs the built distribution (mvn package -DskipTests) at " + HeartbeatNode.LAUNCHER);
        lab = new NetnsLab();
    }

    @AfterEach
    void teardown() {
        if (lab != null) {
            lab.close();
        }
    }

    HeartbeatNode node(String name, String media, String authKeys, String... nodes) throws IOException {
        return new HeartbeatNode(lab, name, dir.resolve(name),
                TIMERS + media + "node " + String.join(" ", nodes) + "\n", authKeys);
    }

    static void awaitSees(HeartbeatNode observer, String node, String status) {
        await().atMost(SOON).pollInterval(Duration.ofMillis(50)).until(() -> observer.sees(node).equals(status));
    }

    @Test
    void bcastPairSeesEachOtherAndAKilledNodeIsDead() throws Exception {
        int b = lab.bridge();
        lab.plug("x1", "eth0", b, 1);
        lab.plug("x2", "eth0", b, 2);
        HeartbeatNode x1 = node("x1", "bcast eth0\n", KEY, "x1", "x2").start();
        HeartbeatNode x2 = node("x2", "bcast eth0\n", KEY, "x1", "x2").start();
        awaitSees(x1, "x2", "active");
        awaitSees(x2, "x1", "active");
        assertEquals("up", x1.status().orElseThrow().link("x2", "eth0").orElseThrow());

        x2.kill9();
        awaitSees(x1, "x2", "dead");
        assertEquals("dead", x1.status().orElseThrow().link("x2", "eth0").orElseThrow());
        String log = Files.readString(x1.log());
        assertTrue(log.contains("WARN: node x2: is dead"), log);
        assertTrue(log.contains("info: Link x2:eth0 dead."), log);
        assertTrue(log.contains("info: Link x2:eth0 up."), log);
    }

    @Test
    void mcastPairAndALinkSetDownMakesThePeerDead() throws Exception {
        int b = lab.bridge();
        lab.plug("x1", "eth0", b, 1);
        lab.plug("x2", "eth0", b, 2);
        String media = "mcast eth0 239.0.0.94 6941 1 0\n";
        HeartbeatNode x1 = node("x1", media, KEY, "x1", "x2").start();
        HeartbeatNode x2 = node("x2", media, KEY, "x1", "x2").start();
        awaitSees(x1, "x2", "active");
        awaitSees(x2, "x1", "active");

        lab.linkDown("x2", "eth0");
        awaitSees(x1, "x2", "dead");
        awaitSees(x2, "x1", "dead");
        lab.linkUp("x2", "eth0");
        awaitSees(x1, "x2", "active");
    }

    @Test
    void ucastPairWithIdenticalLinesAndARestartIsANewIncarnation() throws Exception {
        int b = lab.bridge();
        lab.plug("x1", "eth0", b, 1);
        lab.plug("x2", "eth0", b, 2);
        String media = "ucast eth0 10.88." + b + ".1\nucast eth0 10.88." + b + ".2\n";
        HeartbeatNode x1 = node("x1", media, KEY, "x1", "x2").start();
        HeartbeatNode x2 = node("x2", media, KEY, "x1", "x2").start();
        awaitSees(x1, "x2", "active");
        long first = x1.status().orElseThrow().nodes().get("x2").incarnation();

        x2.kill9();
        x2.start();
        await().atMost(SOON).until(() -> x1.status().map(s -> s.nodes().get("x2").incarnation()).orElse(first) != first);
        awaitSees(x1, "x2", "active");
        assertTrue(Files.readString(x1.log()).contains("info: Heartbeat restart on node x2"));
        assertEquals(0, x1.status().orElseThrow().drops("replay"));
    }

    @Test
    void cuttingOneOfTwoMediaKeepsTheNodeUpAndOnlyThatLinkDies() throws Exception {
        int front = lab.bridge();
        int back = lab.bridge();
        lab.plug("x1", "eth0", front, 1);
        lab.plug("x2", "eth0", front, 2);
        lab.plug("x1", "eth1", back, 1);
        lab.plug("x2", "eth1", back, 2);
        String media = "bcast eth0\nucast eth1 10.88." + back + ".1\nucast eth1 10.88." + back + ".2\n";
        HeartbeatNode x1 = node("x1", media, KEY, "x1", "x2").start();
        node("x2", media, KEY, "x1", "x2").start();
        await().atMost(SOON).until(() -> x1.status().flatMap(s -> s.link("x2", "eth1")).orElse("").equals("up")
                && x1.sees("x2").equals("active"));

        lab.linkDown("x2", "eth1");
        await().atMost(SOON).until(() -> x1.status().flatMap(s -> s.link("x2", "eth1")).orElse("").equals("dead"));
        HeartbeatNode.Status status = x1.status().orElseThrow();
        assertEquals("active", status.statusOf("x2").orElseThrow());
        assertEquals("up", status.link("x2", "eth0").orElseThrow());

        lab.linkUp("x2", "eth1");
        await().atMost(SOON).until(() -> x1.status().flatMap(s -> s.link("x2", "eth1")).orElse("").equals("up"));
        assertEquals("active", x1.sees("x2"));
    }

    @Test
    void aNodeWithAnotherKeyNeverJoinsAndTheDropsAreCounted() throws Exception {
        int b = lab.bridge();
        lab.plug("x1", "eth0", b, 1);
        lab.plug("x2", "eth0", b, 2);
        HeartbeatNode x1 = node("x1", "bcast eth0\n", KEY, "x1", "x2").start();
        node("x2", "bcast eth0\n", "auth 1\n1 sha1 SomethingElse\n", "x1", "x2").start();
        await().atMost(SOON).until(() -> x1.status().map(s -> s.drops("bad-signature")).orElse(0L) >= 20);
        HeartbeatNode.Status status = x1.status().orElseThrow();
        assertNotEquals("active", status.statusOf("x2").orElseThrow());
        assertNotEquals("up", status.statusOf("x2").orElseThrow());
        assertEquals("dead", status.link("x2", "eth0").orElseThrow());
        assertTrue(Files.readString(x1.log()).contains("bad-signature"));
    }

    @Test
    void rotatingTheActiveKeyKeepsMembership() throws Exception {
        int b = lab.bridge();
        lab.plug("x1", "eth0", b, 1);
        lab.plug("x2", "eth0", b, 2);
        HeartbeatNode x1 = node("x1", "bcast eth0\n", "auth 2\n1 sha1 OldSecret\n2 sha256 NewSecret\n", "x1", "x2")
                .start();
        HeartbeatNode x2 = node("x2", "bcast eth0\n", "auth 1\n1 sha1 OldSecret\n2 sha256 NewSecret\n", "x1", "x2")
                .start();
        awaitSees(x1, "x2", "active");
        awaitSees(x2, "x1", "active");
        assertEquals(0, x1.status().orElseThrow().drops("bad-signature") + x1.status().orElseThrow().drops("unknown-key"));
    }

    @Test
    void aCapturedPacketReplayedLaterIsDropped() throws Exception {
        int b = lab.bridge();
        lab.plug("x1", "eth0", b, 1);
        lab.plug("x2", "eth0", b, 2);
        lab.plug("tap", "eth0", b, 9);
        HeartbeatNode x1 = node("x1", "bcast eth0\n", KEY, "x1", "x2").start();
        HeartbeatNode x2 = node("x2", "bcast eth0\n", KEY, "x1", "x2").start();
        awaitSees(x2, "x1", "active");

        List<String> replay = List.of("ip", "netns", "exec", lab.namespace("tap"),
                ProcessHandle.current().info().command().orElseThrow(), "-cp", System.getProperty("java.class.path"),
                PacketReplayer.class.getName(), "10.88." + b + ".255", "6940", "10.88." + b + ".1", "50");
        Process replayer = lab.own(new ProcessBuilder(replay).redirectErrorStream(true).start());
        assertEquals(0, replayer.waitFor(), new String(replayer.getInputStream().readAllBytes()));
        await().atMost(SOON).until(() -> x2.status().map(s -> s.drops("replay")).orElse(0L) >= 50);
        assertEquals("active", x2.sees("x1"));
        assertTrue(x1.alive());
    }

    @Test
    void aPingNodeIsPingWhileItAnswersAndDeadWhenItStops() throws Exception {
        int b = lab.bridge();
        lab.plug("x1", "eth0", b, 1);
        String gateway = lab.bridgeAddress(b, 254);
        HeartbeatNode x1 = node("x1", "bcast eth0\nping " + gateway + "\n", KEY, "x1").start();
        awaitSees(x1, gateway, "ping");
        assertEquals("ping", x1.status().orElseThrow().nodes().get(gateway).type());

        lab.removeBridgeAddress(b, 254);
        awaitSees(x1, gateway, "dead");
        assertTrue(Files.readString(x1.log()).contains("Link " + gateway + ":" + gateway + " dead."));
    }

    @Test
    void threeNodesSeeEachOtherAndTheSurvivorsSeeTheThirdDie() throws Exception {
        int b = lab.bridge();
        lab.plug("x1", "eth0", b, 1);
        lab.plug("x2", "eth0", b, 2);
        lab.plug("x3", "eth0", b, 3);
        HeartbeatNode x1 = node("x1", "bcast eth0\n", KEY, "x1", "x2", "x3").start();
        HeartbeatNode x2 = node("x2", "bcast eth0\n", KEY, "x1", "x2", "x3").start();
        HeartbeatNode x3 = node("x3", "bcast eth0\n", KEY, "x1", "x2", "x3").start();
        for (HeartbeatNode observer : List.of(x1, x2, x3)) {
            for (String peer : List.of("x1", "x2", "x3")) {
                if (!peer.equals(observer.name())) {
                    awaitSees(observer, peer, "active");
                }
            }
        }
        x3.kill9();
        awaitSees(x1, "x3", "dead");
        awaitSees(x2, "x3", "dead");
        assertEquals("active", x1.sees("x2"));
        assertEquals("active", x2.sees("x1"));
    }

    @Test
    void theDaemonDetachesWritesItsPidFileAndMinusKStopsIt() throws Exception {
        int b = lab.bridge();
        lab.plug("x1", "eth0", b, 1);
        HeartbeatNode x1 = node("x1", "bcast eth0\n", KEY, "x1");
        Process start = new ProcessBuilder(x1.arguments()).redirectErrorStream(true).start();
        assertEquals(0, start.waitFor(), new String(start.getInputStream().readAllBytes()));
        long pid = Long.parseLong(Files.readString(x1.pidFile()).strip());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        awaitSees(x1, "x1", "active");

        Process stop = new ProcessBuilder(x1.arguments("-k")).redirectErrorStream(true).start();
        assertEquals(0, stop.waitFor());
        assertTrue(!daemon.isAlive());
        assertTrue(!Files.exists(x1.pidFile()));
        String log = Files.readString(x1.log());
        assertTrue(log.contains("info: Heartbeat shutdown in progress. (" + pid + ")"), log);
        assertTrue(log.contains("info: x1 Heartbeat shutdown complete."), log);
    }
}
