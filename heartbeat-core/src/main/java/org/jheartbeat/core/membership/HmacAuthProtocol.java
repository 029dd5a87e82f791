package org.jheartbeat.core.membership;

import java.security.MessageDigest;
import java.util.Set;
import java.util.function.Predicate;

import org.jgroups.Message;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs every outgoing packet with the active authkeys key and drops every incoming packet that
 * is not correctly signed by a listed key, is a replay, or comes from a node that is not in
 * ha.cf. Sits directly above the transport so it covers whatever the protocols above send.
 * Drops are counted by reason and logged at a bounded rate naming the source address.
 */
public final class HmacAuthProtocol extends Protocol {

    static final short PROTOCOL_ID = 3100;
    private static final Logger LOG = LoggerFactory.getLogger(HmacAuthProtocol.class);

    static {
        ClassConfigurator.addProtocol(PROTOCOL_ID, HmacAuthProtocol.class);
        ClassConfigurator.add(AuthHeader.MAGIC_ID, AuthHeader.class);
        ClassConfigurator.add(ReceivedFromHeader.MAGIC_ID, ReceivedFromHeader.class);
    }

    private final SenderIdentity identity;
    private volatile KeyRing keys;
    private final Set<String> members;
    private final ReplayGuard replayGuard;
    private final DropCounters drops;
    private final RateLimitedLog dropLog;
    private final String linkName;

    /**
     * @param members     the node names allowed to talk to us (ha.cf {@code node} lines)
     * @param replayGuard shared by every medium of this daemon
     * @param drops       shared by every medium of this daemon
     */
    public HmacAuthProtocol(String linkName, SenderIdentity identity, KeyRing keys, Set<String> members,
                            ReplayGuard replayGuard, DropCounters drops) {
        this.linkName = linkName;
        this.identity = identity;
        this.keys = keys;
        this.members = Set.copyOf(members);
        this.replayGuard = replayGuard;
        this.drops = drops;
        this.dropLog = new RateLimitedLog(LOG, 10_000);
        this.id = PROTOCOL_ID;
    }

    /** Signs with the new active key from now on and accepts exactly the new ring's keys. */
    void replaceKeys(KeyRing replacement) {
        keys = replacement;
    }

    @Override
    public Object down(Message msg) {
        KeyRing keys = this.keys; // one ring for the whole packet, even while keys are replaced
        int keyNumber = keys.activeNumber();
        long counter = identity.nextCounter();
        byte[] content = SignedContent.of(keyNumber, identity.node(), identity.incarnation(), counter, msg, getIdsAbove());
        byte[] mac = keys.active().sign(content);
        msg.putHeader(PROTOCOL_ID, new AuthHeader(keyNumber, identity.node(), identity.incarnation(), counter, mac));
        return down_prot.down(msg);
    }

    @Override
    public Object up(Message msg) {
        return authentic(msg) ? up_prot.up(msg) : null;
    }

    @Override
    public void up(MessageBatch batch) {
        batch.removeIf(Predicate.not(this::authentic), false);
        if (!batch.isEmpty()) {
            up_prot.up(batch);
        }
    }

    private boolean authentic(Message msg) {
        AuthHeader header = msg.getHeader(PROTOCOL_ID);
        if (header == null || header.node() == null) {
            return drop(msg, DropReason.MALFORMED, "no authentication header");
        }
        MessageMac mac = keys.key(header.keyNumber()).orElse(null);
        if (mac == null) {
            return drop(msg, DropReason.UNKNOWN_KEY, "key " + header.keyNumber() + " is not in authkeys");
        }
        byte[] expected;
        try {
            expected = mac.sign(SignedContent.of(header.keyNumber(), header.node(), header.incarnation(),
                    header.counter(), msg, getIdsAbove()));
        } catch (RuntimeException e) {
            return drop(msg, DropReason.MALFORMED, "unreadable: " + e.getMessage());
        }
        if (!MessageDigest.isEqual(expected, header.mac())) {
            return drop(msg, DropReason.BAD_SIGNATURE, "signature does not match key " + header.keyNumber()
                    + " (" + mac.method().configName() + ")");
        }
        if (!members.contains(header.node())) {
            return drop(msg, DropReason.NOT_A_MEMBER, "node " + header.node() + " is not a node of ha.cf");
        }
        if (!replayGuard.accept(header.node(), header.incarnation(), header.counter())) {
            return drop(msg, DropReason.REPLAY, "replayed or stale packet of node " + header.node()
                    + " (incarnation " + header.incarnation() + ", counter " + header.counter() + ")");
        }
        return true;
    }

    private boolean drop(Message msg, DropReason reason, String why) {
        drops.increment(reason);
        ReceivedFromHeader from = msg.getHeader(ReceivedFromHeader.PROTOCOL_ID);
        String source = from != null ? from.source() : String.valueOf(msg.getSrc());
        dropLog.warn(source + "/" + reason, "Dropped packet from " + source + " on link " + linkName + ": "
                + reason.label() + ": " + why);
        return false;
    }
}
