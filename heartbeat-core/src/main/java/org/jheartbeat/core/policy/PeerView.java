package org.jheartbeat.core.policy;

import java.util.Objects;
import java.util.Set;

/**
 * What this node believes about its peer.
 *
 * @param holds  the peer's last announced holdings, from the <em>peer's</em> point of view
 * @param failed groups the peer announced it failed to start
 */
public record PeerView(Liveness liveness, HoldSet holds, boolean stable, boolean shuttingDown, Set<String> failed) {

    public enum Liveness {
        /** Not heard since this daemon started. */
        UNKNOWN,
        ALIVE,
        DEAD,
        /** Sent {@code shutdone}: released everything and is leaving. */
        GONE
    }

    public PeerView {
        Objects.requireNonNull(liveness, "liveness");
        Objects.requireNonNull(holds, "holds");
        failed = Set.copyOf(failed);
    }

    /** A peer just heard, or just restarted: nothing known about what it holds. */
    static PeerView fresh(Liveness liveness) {
        return new PeerView(liveness, HoldSet.NONE, false, false, Set.of());
    }

    public boolean alive() {
        return liveness == Liveness.ALIVE;
    }

    /** The peer's holdings from this node's point of view. */
    public HoldSet holdsAsSeenHere() {
        return holds.asSeenByPeer();
    }
}
