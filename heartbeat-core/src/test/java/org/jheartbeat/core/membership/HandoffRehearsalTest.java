package org.jheartbeat.core.membership;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jgroups.JChannel;
import org.jheartbeat.core.config.AuthKey;
import org.jheartbeat.core.config.AuthMethod;
import org.jheartbeat.core.config.Timers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-off rehearsal on real JGroups channels over loopback addresses: it sends nothing,
 * delivers nothing, and a real hand-off afterwards goes through as ever.
 */
class HandoffRehearsalTest {

    private static final Timers TIMERS = LoopbackLab.TIMERS;
    private static final InetAddress A = LoopbackLab.A;
    private static final InetAddress B = LoopbackLab.B;
    private static final InetAddress TAP = LoopbackLab.TAP;
    private static final KeyRing KEYS = new KeyRing(1,
            Map.of(1, MessageMac.of(new AuthKey(1, AuthMethod.SHA1, "RehearsalKey"))));

    private final int port = LoopbackLab.port(7);
    private final LoopbackLab lab = new LoopbackLab();

    /** One daemon's membership on one loopback address, with the hand-off layer on top. */
    private record Node(NodeTable table, DropCounters drops, HandoffStreams streams, List<String> delivered) {
        long dropped() {
            return drops.snapshot().values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private Node start(String name, InetAddress bind, List<InetAddress> peers, boolean heartbeats) throws Exception {
        NodeTable table = new NodeTable(name, List.of("x1", "x2"), List.of("lo"), List.of(), TIMERS, System::nanoTime);
        DropCounters drops = new DropCounters();
        SenderIdentity identity = new SenderIdentity(name, System.currentTimeMillis());
        HandoffStreams streams = new HandoffStreams(identity, table::incarnationOf);
        List<String> delivered = new CopyOnWriteArrayList<>();
        streams.setListener((sender, payload) -> delivered.add(new String(payload, StandardCharsets.US_ASCII)));
        HeartbeatProtocol heartbeat = new HeartbeatProtocol("lo", table);
        HandoffProtocol handoff = new HandoffProtocol("lo", streams);
        JChannel channel = new JChannel(
                new UnicastTransport("lo", drops, bind, peers, port).setBundlerType("no-bundler"),
                new HmacAuthProtocol("lo", identity, KEYS, Set.of("x1", "x2"), new ReplayGuard(), drops),
                heartbeat, handoff);
        lab.connect(channel, name);
        streams.addLink(handoff);
        if (heartbeats) {
            lab.sendStatusEvery50Ms(heartbeat);
        }
        return new Node(table, drops, streams, delivered);
    }

    @AfterEach
    void stop() throws Exception {
        lab.close();
    }

    @Test
    void aRehearsalPutsNothingOnTheWire() throws Exception {
        try (DatagramSocket tap = new DatagramSocket(new InetSocketAddress(TAP, port))) {
            tap.setSoTimeout(5000);
            Node x1 = start("x1", A, List.of(TAP), false); // no heartbeats: only hand-off packets can come


            assertEquals(50, HandoffRehearsal.rehearse(x1.streams().links(), "x2", 50, Long.MAX_VALUE));

            // the streams hold a message until its destination has been heard, and the tap is no
            // daemon: the real packet goes one layer down
            x1.streams().links().getFirst().transmit(new HandoffHeader(HandoffHeader.DATA, "x2", 1, 1),
                    "REAL-HANDOFF".getBytes(StandardCharsets.US_ASCII));
            DatagramPacket first = new DatagramPacket(new byte[2048], 2048);
            tap.receive(first);
            String text = new String(first.getData(), 0, first.getLength(), StandardCharsets.ISO_8859_1);
            assertTrue(text.contains("REAL-HANDOFF"), "the first packet on the wire is the real one");
        }
    }

    @Test
    void aHandOffAfterARehearsalIsDeliveredOnceAndNothingIsDropped() throws Exception {
        Node x1 = start("x1", A, List.of(B), true);
        Node x2 = start("x2", B, List.of(A), true);
        await().atMost(Duration.ofSeconds(5)).until(() -> x1.table().incarnationOf("x2") != 0
                && x2.table().incarnationOf("x1") != 0);

        // more packets than the peer's replay window holds: their counters are skipped on the wire
        assertEquals(100, HandoffRehearsal.rehearse(x1.streams().links(), "x2", 100, Long.MAX_VALUE));
        x1.streams().send("x2", "RELEASED".getBytes(StandardCharsets.US_ASCII));

        await().atMost(Duration.ofSeconds(5)).until(() -> !x2.delivered().isEmpty());
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> x2.delivered().size() == 1);
        assertEquals(List.of("RELEASED"), x2.delivered());
        assertEquals(List.of(), x1.delivered(), "the rehearsal's packets reach no listener");
        assertEquals(0, x1.dropped(), "x1's own receive path took every rehearsal packet as authentic");
        assertEquals(0, x2.dropped());
        assertEquals(NodeStatus.UP, x2.table().snapshot().node("x1").orElseThrow().status());
    }
}
