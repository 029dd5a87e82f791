package org.jheartbeat.core.membership;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jgroups.JChannel;
import org.jheartbeat.core.config.AuthKey;
import org.jheartbeat.core.config.AuthMethod;
import org.jheartbeat.core.config.Timers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real JGroups channels on loopback addresses (127.0.0.1 and 127.0.0.2, same port) with our
 * unicast transport, HMAC protocol and heartbeat protocol: what gets through and what is dropped.
 */
class AuthenticatedChannelTest {

    private static final Timers TIMERS = LoopbackLab.TIMERS;
    private static final InetAddress A = LoopbackLab.A;
    private static final InetAddress B = LoopbackLab.B;
    private static final InetAddress TAP = LoopbackLab.TAP;

    private final int port = LoopbackLab.port(0);
    private final LoopbackLab lab = new LoopbackLab();

    /** One daemon's worth of membership on one loopback address. */
    private record Node(String name, NodeTable table, DropCounters drops, HeartbeatProtocol heartbeat) {
        NodeStatus statusOf(String other) {
            return table.snapshot().node(other).orElseThrow().status();
        }
    }

    private static KeyRing keys(int active, AuthKey... keys) {
        Map<Integer, MessageMac> macs = new HashMap<>();
        for (AuthKey key : keys) {
            macs.put(key.number(), MessageMac.of(key));
        }
        return new KeyRing(active, macs);
    }

    private Node start(String name, InetAddress bind, List<InetAddress> peers, KeyRing keys) throws Exception {
        NodeTable table = new NodeTable(name, List.of("x1", "x2"), List.of("lo"), List.of(), TIMERS, System::nanoTime);
        DropCounters drops = new DropCounters();
        HeartbeatProtocol heartbeat = new HeartbeatProtocol("lo", table);
        JChannel channel = new JChannel(
                new UnicastTransport("lo", drops, bind, peers, port).setBundlerType("no-bundler"),
                new HmacAuthProtocol("lo", new SenderIdentity(name, System.currentTimeMillis()), keys,
                        Set.of("x1", "x2"), new ReplayGuard(), drops),
                heartbeat);
        lab.connect(channel, name);
        lab.sendStatusEvery50Ms(heartbeat);
        return new Node(name, table, drops, heartbeat);
    }

    @AfterEach
    void stop() throws Exception {
        lab.close();
    }

    @Test
    void nodesWithTheSameKeyHearEachOther() throws Exception {
        KeyRing ring = keys(2, new AuthKey(2, AuthMethod.SHA1, "ThisIsMyPassword"));
        Node x1 = start("x1", A, List.of(B), ring);
        Node x2 = start("x2", B, List.of(A), ring);
        await().atMost(Duration.ofSeconds(5)).until(() -> x1.statusOf("x2") == NodeStatus.UP
                && x2.statusOf("x1") == NodeStatus.UP);
        assertEquals(LinkStatus.UP, x2.table().snapshot().node("x1").orElseThrow().link("lo").orElseThrow());
        assertEquals(0, x2.drops().snapshot().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aWrongSecretIsDroppedAsBadSignatureAndNeverHeard() throws Exception {
        Node x1 = start("x1", A, List.of(B), keys(1, new AuthKey(1, AuthMethod.SHA256, "right")));
        Node x2 = start("x2", B, List.of(A), keys(1, new AuthKey(1, AuthMethod.SHA256, "wrong")));
        await().atMost(Duration.ofSeconds(5)).until(() -> x2.drops().count(DropReason.BAD_SIGNATURE) >= 10
                && x1.drops().count(DropReason.BAD_SIGNATURE) >= 10);
        assertEquals(NodeStatus.INIT, x2.statusOf("x1"));
        assertEquals(NodeStatus.INIT, x1.statusOf("x2"));
    }

    @Test
    void aKeyNumberNotListedIsDroppedAsUnknownKey() throws Exception {
        start("x1", A, List.of(B), keys(3, new AuthKey(3, AuthMethod.MD5, "secret")));
        Node x2 = start("x2", B, List.of(A), keys(1, new AuthKey(1, AuthMethod.MD5, "secret")));
        await().atMost(Duration.ofSeconds(5)).until(() -> x2.drops().count(DropReason.UNKNOWN_KEY) >= 5);
        assertEquals(NodeStatus.INIT, x2.statusOf("x1"));
    }

    @Test
    void keyRotationKeepsNodesTalking() throws Exception {
        AuthKey old = new AuthKey(1, AuthMethod.SHA1, "old-secret");
        AuthKey fresh = new AuthKey(2, AuthMethod.SHA512, "new-secret");
        Node x1 = start("x1", A, List.of(B), keys(2, old, fresh));
        Node x2 = start("x2", B, List.of(A), keys(1, old, fresh));
        await().atMost(Duration.ofSeconds(5)).until(() -> x1.statusOf("x2") == NodeStatus.UP
                && x2.statusOf("x1") == NodeStatus.UP);
        assertEquals(0, x2.drops().count(DropReason.UNKNOWN_KEY) + x2.drops().count(DropReason.BAD_SIGNATURE));
    }

    @Test
    void aNodeNotInHaCfIsRefusedEvenWithTheRightKey() throws Exception {
        KeyRing ring = keys(1, new AuthKey(1, AuthMethod.SHA1, "shared"));
        start("intruder", A, List.of(B), ring);
        Node x2 = start("x2", B, List.of(A), ring);
        await().atMost(Duration.ofSeconds(5)).until(() -> x2.drops().count(DropReason.NOT_A_MEMBER) >= 5);
        assertEquals(List.of("x1", "x2"), x2.table().snapshot().nodes().stream().map(n -> n.name()).toList());
    }

    @Test
    void aCapturedPacketResentIsDroppedAsReplayAndATamperedOneAsBadSignature() throws Exception {
        KeyRing ring = keys(1, new AuthKey(1, AuthMethod.SHA1, "shared"));
        try (DatagramSocket tap = new DatagramSocket(new InetSocketAddress(TAP, port))) {
            tap.setSoTimeout(5000);
            start("x1", A, List.of(B, TAP), ring);
            Node x2 = start("x2", B, List.of(A), ring);
            await().atMost(Duration.ofSeconds(5)).until(() -> x2.statusOf("x1") == NodeStatus.UP);

            DatagramPacket captured = new DatagramPacket(new byte[2048], 2048);
            tap.receive(captured);
            byte[] bytes = Arrays.copyOf(captured.getData(), captured.getLength());
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                tap.send(new DatagramPacket(bytes, bytes.length, B, port));
                return x2.drops().count(DropReason.REPLAY) >= 3;
            });

            byte[] tampered = bytes.clone();
            tampered[tampered.length - 1] ^= 0x01; // the last byte of the last signed field
            int before = (int) x2.drops().count(DropReason.BAD_SIGNATURE);
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                tap.send(new DatagramPacket(tampered, tampered.length, B, port));
                return x2.drops().count(DropReason.BAD_SIGNATURE) + x2.drops().count(DropReason.MALFORMED) > before;
            });
            assertEquals(NodeStatus.UP, x2.statusOf("x1"));
        }
    }
}
