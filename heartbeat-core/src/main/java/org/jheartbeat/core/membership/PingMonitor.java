package org.jheartbeat.core.membership;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ping nodes of ha.cf ({@code ping} and {@code ping_group}): every keepalive an ICMP echo
 * goes to each address, and each reply tells the table that the ping node owning that address
 * was heard. A ping group is thus alive while any of its addresses answers.
 */
final class PingMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PingMonitor.class);

    private final NodeTable table;
    private final Map<InetAddress, String> nodeOfAddress;
    private final IcmpEchoSocket socket;
    private final Thread reader;
    private int sequence;
    private volatile boolean running = true;

    /** @param addressesByNode ping node name to its resolved IPv4 addresses */
    PingMonitor(NodeTable table, Map<String, List<Inet4Address>> addressesByNode) throws IOException {
        this.table = table;
        this.nodeOfAddress = new HashMap<>();
        addressesByNode.forEach((node, addresses) -> addresses.forEach(a -> nodeOfAddress.put(a, node)));
        this.socket = IcmpEchoSocket.open(200);
        this.reader = Thread.ofPlatform().daemon().name("ping-reader").start(this::readReplies);
    }

    /** Sends one round of echo requests (called every keepalive). */
    void sendRound() {
        sequence = (sequence + 1) & 0xffff;
        for (InetAddress address : nodeOfAddress.keySet()) {
            try {
                socket.sendEcho((Inet4Address) address, sequence);
            } catch (IOException e) {
                LOG.debug("ping {}: {}", address.getHostAddress(), e.getMessage());
            }
        }
    }

    private void readReplies() {
        while (running) {
            try {
                Optional<InetAddress> from = socket.receiveReply();
                from.map(nodeOfAddress::get).ifPresent(table::pingAnswered);
            } catch (IOException e) {
                if (running) {
                    LOG.error("ICMP receive failed; ping nodes will be declared dead", e);
                }
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(1000);
        socket.close();
    }
}
