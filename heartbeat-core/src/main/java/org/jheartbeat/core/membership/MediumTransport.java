package org.jheartbeat.core.membership;

import java.io.DataInput;

import org.jgroups.Message;
import org.jgroups.MessageFactory;
import org.jgroups.protocols.UDP;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.Util;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JGroups' UDP transport as a Heartbeat medium uses it: bound to the interface's address, each
 * received message marked with the datagram's source (for drop logs), and undecodable datagrams
 * (which JGroups would log with a stack trace each) counted as malformed and logged at a bounded
 * rate. Subclasses decide where a packet for "everybody" goes.
 */
public class MediumTransport extends UDP {

    private static final Logger LOG = LoggerFactory.getLogger(MediumTransport.class);
    private static final ThreadLocal<String> SOURCE = new ThreadLocal<>();

    private final String linkName;
    private final DropCounters drops;
    private final RateLimitedLog malformedLog = new RateLimitedLog(LOG, 10_000);

    public MediumTransport(String linkName, DropCounters drops) {
        this.linkName = linkName;
        this.drops = drops;
        // status packets are tiny; JGroups' multi-megabyte defaults only earn warnings from the kernel
        setUcastRecvBufSize(1 << 20);
        setMcastRecvBufSize(1 << 20);
    }

    @Override
    public void receive(org.jgroups.Address sender, byte[] data, int offset, int length) {
        // decoding happens on this receiver thread, so the source can be handed down to it here
        SOURCE.set(String.valueOf(sender));
        try {
            super.receive(sender, data, offset, length);
        } finally {
            SOURCE.remove();
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
        String source = SOURCE.get();
        if (source != null) {
            msg.putHeader(ReceivedFromHeader.PROTOCOL_ID, new ReceivedFromHeader(source));
        }
    }

    private void malformed(Throwable e) {
        drops.increment(DropReason.MALFORMED);
        String source = String.valueOf(SOURCE.get());
        malformedLog.warn(source, "Dropped packet from " + source + " on link " + linkName
                + ": malformed: " + e);
    }
}
