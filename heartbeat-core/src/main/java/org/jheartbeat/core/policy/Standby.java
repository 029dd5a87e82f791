package org.jheartbeat.core.policy;

/**
 * The standby hand-off (spec §9.2) as this node sees it. {@code set} is always named by the
 * node that gives it up (R); the peer that takes it (P) acquires {@code set.asSeenByPeer()}.
 */
public sealed interface Standby {

    /** Heartbeat's state number (0 none, 1 me, 2 other, 3 done) used in its "Ignored" message. */
    int heartbeatStateNumber();

    /** No hand-off in progress. */
    record Idle() implements Standby {
        public int heartbeatStateNumber() {
            return 0;
        }
    }

    /** R: sent {@code me}, waiting for {@code other} until {@code deadline}. */
    record Asking(HoldSet set, TimerToken timer, long deadline) implements Standby {
        public int heartbeatStateNumber() {
            return 1;
        }
    }

    /** R: the peer accepted; stopping every group of the set before saying {@code done}. */
    record Releasing(HoldSet set) implements Standby {
        public int heartbeatStateNumber() {
            return 3;
        }
    }

    /** R: said {@code done}; waiting for the peer's {@code done} until its timer runs out. */
    record Released(HoldSet set, TimerToken timer) implements Standby {
        public int heartbeatStateNumber() {
            return 3;
        }
    }

    /** P: accepted; waiting for R's {@code done} until {@code deadline}. */
    record Accepted(HoldSet set, TimerToken timer, long deadline) implements Standby {
        public int heartbeatStateNumber() {
            return 2;
        }
    }

    /** P: R is done; starting the groups, then saying {@code done}. */
    record Acquiring(HoldSet set) implements Standby {
        public int heartbeatStateNumber() {
            return 3;
        }
    }
}
