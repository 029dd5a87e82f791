package org.jheartbeat.core.membership;

import org.jgroups.EmptyMessage;
import org.jgroups.Message;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;

/**
 * Heartbeat's own liveness protocol on one medium: {@link #sendStatus} multicasts a status
 * packet, and every authenticated packet that arrives (status or not) tells the
 * {@link NodeTable} that its sender was heard on this link. Status packets stop here; anything
 * else continues up the stack.
 */
public final class HeartbeatProtocol extends Protocol {

    static final short PROTOCOL_ID = 3104;

    static {
        ClassConfigurator.addProtocol(PROTOCOL_ID, HeartbeatProtocol.class);
        ClassConfigurator.add(StatusHeader.MAGIC_ID, StatusHeader.class);
    }

    private final String linkName;
    private final NodeTable table;

    public HeartbeatProtocol(String linkName, NodeTable table) {
        this.linkName = linkName;
        this.table = table;
        this.id = PROTOCOL_ID;
    }

    /** Sends one status packet to every node on this medium. */
    public void sendStatus(NodeStatus status, int deadtimeMillis) {
        Message msg = new EmptyMessage(null)
                .putHeader(PROTOCOL_ID, new StatusHeader(status, deadtimeMillis))
                .setFlag(Message.Flag.OOB, Message.Flag.NO_RELIABILITY, Message.Flag.NO_FC);
        down_prot.down(msg);
    }

    @Override
    public Object up(Message msg) {
        return record(msg) ? null : up_prot.up(msg);
    }

    @Override
    public void up(MessageBatch batch) {
        batch.removeIf(this::record, false);
        if (!batch.isEmpty()) {
            up_prot.up(batch);
        }
    }

    /** Notes the sender as heard; true when the message was a status packet (consumed here). */
    private boolean record(Message msg) {
        AuthHeader auth = msg.getHeader(HmacAuthProtocol.PROTOCOL_ID);
        if (auth == null) {
            return false;
        }
        StatusHeader status = msg.getHeader(PROTOCOL_ID);
        NodeStatus announced = status == null ? null : status.status();
        int deadtimeMillis = status == null ? 0 : status.deadtimeMillis();
        ReceivedFromHeader received = msg.getHeader(ReceivedFromHeader.PROTOCOL_ID);
        if (received == null) {
            table.heard(auth.node(), auth.incarnation(), linkName, announced, deadtimeMillis);
        } else {
            table.heard(auth.node(), auth.incarnation(), linkName, announced, deadtimeMillis, received.arrivedNanos());
        }
        return status != null;
    }
}
