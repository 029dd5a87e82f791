package org.jheartbeat.core.policy;

/** Where this node is in its own life. */
public enum Phase {
    /** Daemon running, communications not up yet: no resource decisions. */
    WAITING,
    /** Sent {@code starting}; waiting for the peer's holdings (or the simultaneous-start delay). */
    STARTING,
    /** Normal operation. */
    RUNNING,
    /** Graceful stop: releasing every group. */
    SHUTTING_DOWN,
    /** Released everything and told the peer; events change nothing any more. */
    DOWN
}
