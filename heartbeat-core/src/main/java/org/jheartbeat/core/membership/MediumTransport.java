package org.jheartbeat.core.membership;

import java.io.DataInput;
import java.net.DatagramSocket;
import java.util.function.Supplier;

import org.jgroups.Message;
import org.jgroups.MessageFactory;
import org.jgroups.protocols.UDP;
import org.jgroups.util.LazyThreadFactory;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.Util;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JGroups' UDP transport as a Heartbeat medium uses it: bound to the interface's address, each
 * received message marked with the datagram's source (for drop logs) and arrival (the time a
 * peer counts as heard, {@link ArrivalStampingReceiver}), and undecodable datagrams
 * (which JGroups would log with a stack trace each) counted as malformed and logged at a bounded
 * rate. Subclasses decide where a packet for "everybody" goes.
 */
public class MediumTransport extends UDP {

    private static final Logger LOG = LoggerFactory.getLogger(MediumTransport.class);
    /** The datagram being decoded on this receiver thread. */
    private record Reception(String source, long arrivedNanos) {
    }

    private static final ThreadLocal<Reception> RECEPTION = new ThreadLocal<>();
    /** Set on a thread that rehearses sending ({@link #withoutSending}). */
    private static final ThreadLocal<Boolean> REHEARSING = ThreadLocal.withInitial(() -> false);

    private final String linkName;
    private final DropCounters drops;
    private final RateLimitedLog malformedLog = new RateLimitedLog(LOG, 10_000);

    public MediumTransport(String linkName, DropCounters drops) {
        this.linkName = linkName;
        this.drops = drops;
        // status packets are tiny; JGroups' multi-megabyte defaults only earn warnings from the kernel
        setUcastRecvBufSize(1 << 20);
        setMcastRecvBufSize(1 << 20);
        setThreadFactory(new RealtimeReceiverThreads(new LazyThreadFactory("jgroups", false, true)));
    }

    /**
     * Messages are handled on the receiver thread itself: the work per packet is one HMAC and a
     * table update, and a hand-off to a pool thread would add a scheduling delay to every heartbeat.
     */
    @Override
    public void start() throws Exception {
        setThreadPool(Runnable::run);
        super.start();
    }

    @Override
    protected PacketReceiver[] createReceivers(int num, DatagramSocket socket, String name) {
        PacketReceiver[] receivers = new PacketReceiver[num];
        for (int i = 0; i < num; i++) {
            receivers[i] = new ArrivalStampingReceiver(this, socket, name);
        }
        return receivers;
    }

    /**
     * Runs {@code rehearsal} with every packet it sends taken to this daemon's own receive path
     * instead of the socket ({@link HandoffRehearsal}): signed, encoded, decoded and checked as
     * a peer's would be, and never on the wire.
     */
    static <T> T withoutSending(Supplier<T> rehearsal) {
        REHEARSING.set(true);
        try {
            return rehearsal.get();
        } finally {
            REHEARSING.remove();
        }
    }

    @Override
    public void doSend(byte[] buf, int offset, int length, org.jgroups.Address dest) throws Exception {
        if (REHEARSING.get()) {
            receive(null, buf, offset, length);
            return;
        }
        super.doSend(buf, offset, length, dest);
    }

    @Override
    public void receive(org.jgroups.Address sender, byte[] data, int offset, int length) {
        receive(sender, data, offset, length, System.nanoTime());
    }

    /** A datagram that arrived at {@code arrivedNanos} ({@link System#nanoTime()}'s scale). */
    void receive(org.jgroups.Address sender, byte[] data, int offset, int length, long arrivedNanos) {
        // decoding happens on this receiver thread, so source and arrival can be handed down to it here
        RECEPTION.set(new Reception(String.valueOf(sender), arrivedNanos));
        try {
            super.receive(sender, data, offset, length);
        } finally {
            RECEPTION.remove();
        }
    }

    @Override
    protected void handleSingleMessage(DataInput in, boolean multicast) {
        Message msg;
        try {
            msg = MessageFactory.create(in.readShort());
            msg.readFrom(in);
        } catch (Exception | LinkageError e) {
            malformed(e);
            return;
        }
        if (!multicast && unicastDestMismatch(msg.getDest())) {
            return;
        }
        tag(msg);
        msg_processing_policy.process(msg, msg.isFlagSet(Message.Flag.OOB));
        msg_stats.received(msg);
    }

    @Override
    protected void handleMessageBatch(DataInput in, boolean multicast) {
        MessageBatch[] batches;
        try {
            batches = Util.readMessageBatch(in, multicast);
        } catch (Exception | LinkageError e) {
            malformed(e);
            return;
        }
        for (int i = 0; i < batches.length; i++) {
            if (batches[i] != null) {
                batches[i].forEach(this::tag);
                msg_stats.received(batches[i]);
                processBatch(batches[i], i == 1);
            }
        }
    }

    private void tag(Message msg) {
        Reception reception = RECEPTION.get();
        if (reception != null) {
            msg.putHeader(ReceivedFromHeader.PROTOCOL_ID,
                    new ReceivedFromHeader(reception.source(), reception.arrivedNanos()));
        }
    }

    private void malformed(Throwable e) {
        drops.increment(DropReason.MALFORMED);
        Reception reception = RECEPTION.get();
        String source = reception == null ? "null" : reception.source();
        malformedLog.warn(source, "Dropped packet from " + source + " on link " + linkName
                + ": malformed: " + e);
    }
}
