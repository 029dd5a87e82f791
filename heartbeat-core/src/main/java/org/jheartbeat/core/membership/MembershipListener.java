package org.jheartbeat.core.membership;

/**
 * Receives membership events in the order they happened. Called on the membership's own
 * thread while it holds the table's lock: implementations must return quickly (queue the
 * event), never block or call back into the membership.
 */
@FunctionalInterface
public interface MembershipListener {
    void onEvent(MembershipEvent event);
}
