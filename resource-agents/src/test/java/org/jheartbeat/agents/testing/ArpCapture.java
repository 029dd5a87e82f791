package org.jheartbeat.agents.testing;

import org.jheartbeat.agents.kernel.ArpFrame;
import org.jheartbeat.agents.kernel.PacketSocket;
import org.jheartbeat.agents.kernel.RtNetlink;

import java.io.IOException;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the ARP frames arriving on an interface of a namespace (a capture like
 * {@code tcpdump arp}, with our own packet socket), with the time each was read.
 */
public final class ArpCapture implements AutoCloseable {

    /** One captured ARP frame and {@link System#nanoTime()} when it was read. */
    public record Captured(ArpFrame frame, long nanos) {
    }

    private final PacketSocket socket;
    private final List<Captured> frames = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;

    private ArpCapture(PacketSocket socket) {
        this.socket = socket;
        // A platform thread: its blocking native receive would pin a virtual thread's carrier.
        this.reader = Thread.ofPlatform().name("arp-capture").daemon().start(this::read);
    }

    /** Starts capturing incoming ARP frames on {@code ifname} inside {@code namespace}. */
    public static ArpCapture start(Namespace namespace, String ifname) throws Exception {
        PacketSocket socket = namespace.call(() -> {
            try (RtNetlink rt = RtNetlink.open()) {
                return PacketSocket.open(rt.link(ifname).orElseThrow().index(), PacketSocket.ETH_P_ARP);
            }
        });
        return new ArpCapture(socket);
    }

    private void read() {
        while (running) {
            try {
                Optional<PacketSocket.Frame> frame = socket.receive(Duration.ofMillis(50));
                if (frame.isPresent() && frame.get().packetType() != PacketSocket.PACKET_OUTGOING) {
                    frames.add(new Captured(ArpFrame.parse(frame.get().data()), frame.get().receivedNanos()));
                }
            } catch (Exception e) {
                if (running) {
                    throw new IllegalStateException("capture failed", e);
                }
            }
        }
    }

    /** Frames captured so far that announce or ask about {@code ip} as sender. */
    public List<Captured> from(Inet4Address ip) {
        return frames.stream().filter(c -> c.frame().senderIp().equals(ip)).toList();
    }

    @Override
    public void close() throws IOException {
        running = false;
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }
}
