package org.jheartbeat.cli;

import java.util.ArrayList;
import java.util.List;

import org.jheartbeat.core.manager.ResourceManager;
import org.jheartbeat.core.membership.HandoffListener;
import org.jheartbeat.core.membership.MembershipEvent;
import org.jheartbeat.core.membership.MembershipListener;

/**
 * Carries membership events and hand-off messages to the resource manager. The membership
 * must start first (the manager needs its incarnation), and a peer may be heard at once, so
 * whatever arrives before the manager is attached is kept and handed over in order.
 */
final class MembershipRelay implements MembershipListener, HandoffListener {

    private final List<Runnable> early = new ArrayList<>();
    private ResourceManager manager;

    @Override
    public synchronized void onEvent(MembershipEvent event) {
        if (manager == null) {
            early.add(() -> manager.membershipEvent(event));
        } else {
            manager.membershipEvent(event);
        }
    }

    @Override
    public synchronized void onMessage(String sender, byte[] payload) {
        if (manager == null) {
            early.add(() -> manager.peerPayload(sender, payload));
        } else {
            manager.peerPayload(sender, payload);
        }
    }

    synchronized void attach(ResourceManager target) {
        manager = target;
        early.forEach(Runnable::run);
        early.clear();
    }
}
