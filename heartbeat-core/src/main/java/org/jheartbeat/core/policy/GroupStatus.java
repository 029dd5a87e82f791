package org.jheartbeat.core.policy;

/** What is known about one group on this node. */
public enum GroupStatus {
    STOPPED,
    STARTING,
    RUNNING,
    STOPPING,
    /** A stop failed: the group may still run, and it is treated as held until the node is reset. */
    STOP_FAILED;

    /** Whether resource work for the group is under way. */
    public boolean inTransition() {
        return this == STARTING || this == STOPPING;
    }
}
