package org.jheartbeat.core.membership;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliable, ordered, exactly-once delivery of hand-off messages between the daemons, over every
 * medium at once (Heartbeat's retransmission of cluster messages, made explicit).
 *
 * <p>For each destination node there is one stream per pair of incarnations (ours, theirs):
 * messages are numbered from 1, sent on every medium, and sent again every retransmission
 * interval until the destination acknowledges them. The receiver delivers each number once and
 * in order, whatever medium brought it first. When either side restarts, the stream starts
 * over: what was meant for the old run of a daemon is never delivered to the new one (the
 * resource policy re-synchronises through its {@code starting} message instead).
 */
final class HandoffStreams {

    private static final Logger LOG = LoggerFactory.getLogger(HandoffStreams.class);
    /** Out-of-order messages kept per sender while an earlier one is missing. */
    private static final int MAX_BUFFERED = 256;
    /** Unacknowledged messages kept per destination; older ones are dropped with an error. */
    private static final int MAX_UNACKED = 4096;

    private final SenderIdentity self;
    private final ToLongFunction<String> incarnationOf;
    private final List<HandoffProtocol> links = new CopyOnWriteArrayList<>();
    private final Map<String, Outgoing> outgoing = new HashMap<>();
    private final Map<String, Incoming> incoming = new HashMap<>();
    private volatile HandoffListener listener = (sender, payload) -> { };

    private static final class Outgoing {
        long destinationIncarnation;
        long nextSequence = 1;
        final TreeMap<Long, byte[]> unacked = new TreeMap<>();
    }

    private static final class Incoming {
        long senderIncarnation;
        long expected = 1;
        final TreeMap<Long, byte[]> buffered = new TreeMap<>();
    }

    /** @param incarnationOf the incarnation last heard from a node, 0 when never heard */
    HandoffStreams(SenderIdentity self, ToLongFunction<String> incarnationOf) {
        this.self = self;
        this.incarnationOf = incarnationOf;
    }

    void addLink(HandoffProtocol link) {
        links.add(link);
    }

    /** The media's hand-off layers, for {@link HandoffRehearsal}. */
    List<HandoffProtocol> links() {
        return List.copyOf(links);
    }

    void setListener(HandoffListener listener) {
        this.listener = listener;
    }

    /** Queues {@code payload} for {@code node} and sends it on every medium. */
    synchronized void send(String node, byte[] payload) {
        Outgoing out = outgoing.computeIfAbsent(node, n -> new Outgoing());
        follow(node, out);
        long sequence = out.nextSequence++;
        out.unacked.put(sequence, payload);
        if (out.unacked.size() > MAX_UNACKED) {
            long lost = out.unacked.pollFirstEntry().getKey();
            LOG.error("hand-off to {}: message #{} dropped unacknowledged ({} queued)", node, lost, MAX_UNACKED);
        }
        if (out.destinationIncarnation != 0) {
            transmit(new HandoffHeader(HandoffHeader.DATA, node, out.destinationIncarnation, sequence), payload);
        }
    }

    /** Sends every unacknowledged message again; called every retransmission interval. */
    synchronized void retransmit() {
        outgoing.forEach((node, out) -> {
            follow(node, out);
            if (out.destinationIncarnation == 0) {
                return;
            }
            out.unacked.forEach((sequence, payload) -> transmit(
                    new HandoffHeader(HandoffHeader.DATA, node, out.destinationIncarnation, sequence), payload));
        });
    }

    /**
     * Addresses the stream to the destination's current run: a stream to a run we never heard
     * is adopted once we hear it; one to a run that has since restarted is abandoned.
     */
    private void follow(String node, Outgoing out) {
        long current = incarnationOf.applyAsLong(node);
        if (current == out.destinationIncarnation || current == 0) {
            return;
        }
        if (out.destinationIncarnation != 0 && !out.unacked.isEmpty()) {
            LOG.info("hand-off to {}: it restarted; {} unacknowledged message(s) for its previous run dropped",
                    node, out.unacked.size());
            out.unacked.clear();
        }
        if (out.destinationIncarnation != 0) {
            out.nextSequence = 1;
        }
        out.destinationIncarnation = current;
    }

    synchronized void received(HandoffProtocol link, String sender, long senderIncarnation, HandoffHeader header,
                               byte[] payload) {
        if (!header.destination().equals(self.node()) || header.destinationIncarnation() != self.incarnation()) {
            return; // for another node, or for an earlier run of this daemon
        }
        if (header.kind() == HandoffHeader.ACK) {
            Outgoing out = outgoing.get(sender);
            if (out != null && out.destinationIncarnation == senderIncarnation) {
                out.unacked.headMap(header.sequence(), true).clear();
            }
            return;
        }
        Incoming in = incoming.computeIfAbsent(sender, n -> new Incoming());
        if (senderIncarnation < in.senderIncarnation) {
            return;
        }
        if (senderIncarnation > in.senderIncarnation) {
            in.senderIncarnation = senderIncarnation;
            in.expected = 1;
            in.buffered.clear();
        }
        long sequence = header.sequence();
        if (sequence == in.expected) {
            deliver(sender, payload);
            in.expected++;
            for (byte[] next; (next = in.buffered.remove(in.expected)) != null; in.expected++) {
                deliver(sender, next);
            }
        } else if (sequence > in.expected && in.buffered.size() < MAX_BUFFERED) {
            in.buffered.putIfAbsent(sequence, payload);
        }
        link.transmit(new HandoffHeader(HandoffHeader.ACK, sender, senderIncarnation, in.expected - 1), new byte[0]);
    }

    private void deliver(String sender, byte[] payload) {
        try {
            listener.onMessage(sender, payload);
        } catch (RuntimeException e) {
            LOG.error("hand-off listener failed on a message from {}", sender, e);
        }
    }

    private void transmit(HandoffHeader header, byte[] payload) {
        for (HandoffProtocol link : links) {
            try {
                link.transmit(header, payload);
            } catch (RuntimeException e) {
                LOG.debug("hand-off packet on {} not sent: {}", link.linkName(), e.toString());
            }
        }
    }
}
