package org.jheartbeat.core.membership;

/**
 * Receives hand-off payloads in the order their sender sent them, each exactly once. Called on
 * a receiver thread: implementations must return quickly (queue the payload).
 */
@FunctionalInterface
public interface HandoffListener {
    void onMessage(String sender, byte[] payload);
}
