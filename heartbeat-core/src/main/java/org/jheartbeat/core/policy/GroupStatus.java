package org.jheartbeat.core.policy;

/** What is known about one group on this node. */
public enum GroupStatus {
    STOPPED,
    STARTING,
    RUNNING,
    STOPPING,
    /**
     * The stop of a group this node was not running: a hand-off stops every group of its set,
     * running or not, as Heartbeat's give-group does. Not held: announcing it as held would tell
     * the peer, which runs it, that both nodes own it.
     */
    CLEARING,
    /** A stop failed: the group may still run, and it is treated as held until the node is reset. */
    STOP_FAILED;

    /** Whether resource work for the group is under way. */
    public boolean inTransition() {
        return this == STARTING || this == STOPPING || this == CLEARING;
    }

    /** Whether the group runs or may run here: what this node announces as held. */
    public boolean mayRunHere() {
        return this != STOPPED && this != CLEARING;
    }

    /** Whether a stop of the group was asked for and has not reported back. */
    boolean stopUnderWay() {
        return this == STOPPING || this == CLEARING;
    }
}
