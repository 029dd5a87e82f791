package org.jheartbeat.cli.compare;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;

import org.jheartbeat.agents.kernel.MacAddress;
import org.jheartbeat.agents.kernel.NetworkNamespace;
import org.jheartbeat.agents.kernel.PacketSocket;
import org.jheartbeat.agents.kernel.RtNetlink;

/**
 * The broadcast and multicast UDP and VRRP packets the client receives, by source MAC and time: the
 * directors' heartbeats (heartbeat's bcast packets, VRRP adverts) as a third machine on the same
 * segment sees them. The last one from a failed director before the survivor's gratuitous ARP
 * tells how long the survivor took from the silence's true start, whatever the fault's phase in
 * the keepalive cycle: its dead time plus its own reaction.
 */
final class PeerPacketCapture implements AutoCloseable {

    private static final int ETH_P_IP = 0x0800;
    private static final int PACKET_MULTICAST = 2;
    private static final int IP_PROTOCOL_OFFSET = 14 + 9;
    private static final int UDP = 17;
    /** VRRP's IP protocol number. */
    private static final int VRRP = 112;
    /** Minutes of heartbeats at the fastest timers; a measurement looks back seconds at most. */
    private static final int KEPT = 8192;

    private record Seen(byte[] sourceMac, long nanos) {
    }

    private final PacketSocket socket;
    private final Deque<Seen> seen = new ArrayDeque<>(); // newest last; guarded by itself
    private final Thread reader;
    private volatile boolean running = true;

    private PeerPacketCapture(PacketSocket socket) {
        this.socket = socket;
        // a platform thread: its blocking native receive would pin a virtual thread's carrier
        this.reader = Thread.ofPlatform().name("peer-packet-capture").daemon().start(this::read);
    }

    /** Starts capturing on {@code ifname}; {@code namespace} is a thread inside the client's namespace. */
    static PeerPacketCapture start(NetworkNamespace namespace, String ifname) throws Exception {
        PacketSocket socket = namespace.call(() -> {
            try (RtNetlink rt = RtNetlink.open()) {
                return PacketSocket.open(rt.link(ifname).orElseThrow().index(), ETH_P_IP);
            }
        });
        return new PeerPacketCapture(socket);
    }

    private void read() {
        while (running) {
            try {
                Optional<PacketSocket.Frame> frame = socket.receive(Duration.ofMillis(50));
                if (frame.isPresent() && isHeartbeat(frame.get())) {
                    remember(new Seen(Arrays.copyOfRange(frame.get().data(), 6, 12), frame.get().receivedNanos()));
                }
            } catch (Exception e) {
                if (running) {
                    throw new IllegalStateException("capture failed", e);
                }
            }
        }
    }

    /**
     * Broadcast or multicast UDP (heartbeat's media) or VRRP. Not IGMP: a killed daemon's
     * multicast sockets close, and the kernel then reports leaving their groups for a while.
     */
    private static boolean isHeartbeat(PacketSocket.Frame frame) {
        byte[] data = frame.data();
        if (data.length <= IP_PROTOCOL_OFFSET || (frame.packetType() != PacketSocket.PACKET_BROADCAST
                && frame.packetType() != PACKET_MULTICAST)) {
            return false;
        }
        int protocol = data[IP_PROTOCOL_OFFSET] & 0xff;
        return protocol == UDP || protocol == VRRP;
    }

    private void remember(Seen frame) {
        synchronized (seen) {
            if (seen.size() == KEPT) {
                seen.removeFirst();
            }
            seen.addLast(frame);
        }
    }

    /** When the last broadcast or multicast frame from {@code mac} before {@code before} arrived. */
    OptionalLong lastFrom(MacAddress mac, long before) {
        byte[] wanted = mac.bytes();
        synchronized (seen) {
            for (Iterator<Seen> newestFirst = seen.descendingIterator(); newestFirst.hasNext(); ) {
                Seen s = newestFirst.next();
                if (s.nanos() < before && Arrays.equals(s.sourceMac(), wanted)) {
                    return OptionalLong.of(s.nanos());
                }
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public void close() throws Exception {
        running = false;
        reader.join();
        socket.close();
    }
}
