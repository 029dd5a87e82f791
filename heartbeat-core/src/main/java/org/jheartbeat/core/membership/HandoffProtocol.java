package org.jheartbeat.core.membership;

import org.jgroups.BytesMessage;
import org.jgroups.Message;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;

/**
 * The hand-off layer of one medium, on top of {@link HeartbeatProtocol}: sends the numbered
 * messages and acknowledgements {@link HandoffStreams} asks for on this medium, and passes
 * the ones that arrive to it. Ordering, de-duplication across media and retransmission live
 * in {@link HandoffStreams}, which every medium of a daemon shares.
 */
final class HandoffProtocol extends Protocol {

    static final short PROTOCOL_ID = 3105;

    static {
        ClassConfigurator.addProtocol(PROTOCOL_ID, HandoffProtocol.class);
        ClassConfigurator.add(HandoffHeader.MAGIC_ID, HandoffHeader.class);
    }

    private final String linkName;
    private final HandoffStreams streams;

    HandoffProtocol(String linkName, HandoffStreams streams) {
        this.linkName = linkName;
        this.streams = streams;
        this.id = PROTOCOL_ID;
    }

    String linkName() {
        return linkName;
    }

    void transmit(HandoffHeader header, byte[] payload) {
        Message msg = new BytesMessage(null, payload)
                .putHeader(PROTOCOL_ID, header)
                .setFlag(Message.Flag.OOB, Message.Flag.NO_RELIABILITY, Message.Flag.NO_FC);
        down_prot.down(msg);
    }

    @Override
    public Object up(Message msg) {
        return consume(msg) ? null : up_prot.up(msg);
    }

    @Override
    public void up(MessageBatch batch) {
        batch.removeIf(this::consume, false);
        if (!batch.isEmpty()) {
            up_prot.up(batch);
        }
    }

    /** True when the message was a hand-off packet (consumed here). */
    private boolean consume(Message msg) {
        HandoffHeader header = msg.getHeader(PROTOCOL_ID);
        if (header == null) {
            return false;
        }
        AuthHeader auth = msg.getHeader(HmacAuthProtocol.PROTOCOL_ID);
        if (auth != null) {
            byte[] payload = header.kind() == HandoffHeader.DATA ? msg.getArray() : null;
            int offset = msg.getOffset();
            int length = msg.getLength();
            byte[] body = payload == null ? new byte[0]
                    : offset == 0 && length == payload.length ? payload
                    : java.util.Arrays.copyOfRange(payload, offset, offset + length);
            streams.received(this, auth.node(), auth.incarnation(), header, body);
        }
        return true;
    }
}
