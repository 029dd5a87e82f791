package org.jheartbeat.core.membership;

/** A change in the node and link table, as the resource manager consumes them. Immutable. */
public sealed interface MembershipEvent {

    /** A node's status changed (including to {@code dead}). */
    record NodeStatusChanged(String node, NodeType type, NodeStatus previous, NodeStatus status)
            implements MembershipEvent {
    }

    /**
     * A node is being declared dead: published first, before the table logs the verdict and
     * marks the links, so that a takeover made ready fires without waiting for that. The
     * {@link NodeStatusChanged} to {@code dead} follows as usual.
     */
    record DeadVerdict(String node) implements MembershipEvent {
    }

    /** A node's link on one medium went up or dead. */
    record LinkStatusChanged(String node, String link, LinkStatus status) implements MembershipEvent {
    }

    /** A node's daemon was restarted: packets now carry a newer incarnation. */
    record NodeRestarted(String node, long previousIncarnation, long incarnation) implements MembershipEvent {
    }

    /** A node declared dead is heard again with the same incarnation: a partition healed. */
    record NodeReturnedAfterPartition(String node) implements MembershipEvent {
    }

    /**
     * A node's every link has been silent for more than half its dead time ({@code late}), or it
     * has been heard again after that ({@code !late}). Nothing is decided on it: the resource
     * manager uses it to get ready the takeover that a dead verdict would start.
     */
    record NodeLate(String node, boolean late) implements MembershipEvent {
    }

    /** Every configured node has been heard from or declared dead (spec §2.4); local status is now active. */
    record CommsUp() implements MembershipEvent {
    }
}
