package org.jheartbeat.core.policy;

import java.util.Objects;

/** Everything that can change what this node should run. */
public sealed interface PolicyEvent {

    /** Every configured node has been heard from or declared dead (Heartbeat's comm_now_up). */
    record CommsUp() implements PolicyEvent {
    }

    /** A node is heard (again). Ping nodes and unknown names change nothing. */
    record NodeAlive(String node) implements PolicyEvent {
        public NodeAlive {
            Objects.requireNonNull(node, "node");
        }
    }

    /** A node was declared dead. A ping node's death changes nothing here. */
    record NodeDead(String node) implements PolicyEvent {
        public NodeDead {
            Objects.requireNonNull(node, "node");
        }
    }

    /** A hand-off message from the peer. */
    record FromPeer(PeerMessage message) implements PolicyEvent {
        public FromPeer {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A timer asked for with {@link PolicyAction.StartTimer} has run out. */
    record TimerFired(TimerToken token) implements PolicyEvent {
        public TimerFired {
            Objects.requireNonNull(token, "token");
        }
    }

    /** {@code hb_standby ARG} run on this node. */
    record StandbyRequested(StandbyArgument argument) implements PolicyEvent {
        public StandbyRequested {
            Objects.requireNonNull(argument, "argument");
        }
    }

    /** {@code hb_takeover ARG} run on this node. */
    record TakeoverRequested(StandbyArgument argument) implements PolicyEvent {
        public TakeoverRequested {
            Objects.requireNonNull(argument, "argument");
        }
    }

    /** Graceful stop of this daemon: release everything to the peer. */
    record ShutdownRequested() implements PolicyEvent {
    }

    /** Every resource of the group started (or was already running). */
    record GroupStarted(String key) implements PolicyEvent {
        public GroupStarted {
            Objects.requireNonNull(key, "key");
        }
    }

    /** A resource of the group failed to start; the group may be partly running. */
    record GroupStartFailed(String key) implements PolicyEvent {
        public GroupStartFailed {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Every resource of the group is stopped. */
    record GroupStopped(String key) implements PolicyEvent {
        public GroupStopped {
            Objects.requireNonNull(key, "key");
        }
    }

    /** A resource of the group could not be stopped, even after retries: it may still run. */
    record GroupStopFailed(String key) implements PolicyEvent {
        public GroupStopFailed {
            Objects.requireNonNull(key, "key");
        }
    }
}
