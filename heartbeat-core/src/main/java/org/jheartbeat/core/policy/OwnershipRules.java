package org.jheartbeat.core.policy;

/**
 * Rules that keep "every group on exactly one node" once both nodes talk: failback and hand-off
 * of failed groups, orphaned groups, and double holdings after a healed partition.
 */
final class OwnershipRules {

    private OwnershipRules() {
    }

    private static boolean bothStable(Transition t) {
        return t.locallyStable() && t.peer.alive() && t.peer.stable() && !t.peer.shuttingDown();
    }

    /**
     * Once both nodes are stable, go standby for the pending sets (one attempt, as Heartbeat's
     * auto_failback: a refused or timed-out standby is not repeated).
     */
    static void releasePending(Transition t) {
        if (t.pendingRelease.isEmpty() || !bothStable(t)) {
            return;
        }
        HoldSet set = t.pendingRelease.intersect(t.holds);
        t.pendingRelease = HoldSet.NONE;
        if (!set.isEmpty()) {
            StandbyRules.request(t, set);
        }
    }

    /**
     * The peer can try the held groups that failed here (it is alive and has not failed them):
     * give their sets to it once both nodes are stable. Called when a group fails and when the
     * peer comes (back) up, so a group that failed while this node was alone moves too.
     */
    static void offerFailedGroups(Transition t) {
        if (!t.config.niceFailback() || !t.peer.alive()) {
            return;
        }
        for (String key : t.config.keysOf(t.holds)) {
            if (t.failed.contains(key) && !t.peer.failed().contains(key)) {
                t.pendingRelease = t.pendingRelease.plus(t.config.categoryOf(key));
            }
        }
    }

    /**
     * Nobody holds our home groups although both nodes are stable (a hand-off was abandoned
     * half-way, e.g. the peer restarted while we released them): the home node takes them.
     * Only the home node does this, so both nodes can never adopt the same groups.
     */
    static void adoptOrphanedLocalGroups(Transition t) {
        if (!bothStable(t) || t.holds.covers(HoldSet.LOCAL) || t.config.keysOf(HoldSet.LOCAL).isEmpty()
                || t.peer.holdsAsSeenHere().covers(HoldSet.LOCAL)) {
            return;
        }
        t.log(LogLevel.ERROR, "No one owns our local resources!");
        t.info("Acquiring our local resources, which no node holds.");
        t.holds = t.holds.plus(HoldSet.LOCAL);
        t.wantClaimedGroups();
    }

    /**
     * After a partition both nodes may hold the same groups. Each group stays on its home node;
     * the other node stops it. Both sides decide alike because each applies the rule to the
     * same two announcements. (Heartbeat instead restarts both daemons, spec §12.)
     */
    static void resolveDoubleHolding(Transition t) {
        HoldSet theirs = t.peer.holdsAsSeenHere();
        HoldSet both = t.holds.intersect(theirs);
        if (both.covers(HoldSet.FOREIGN)) {
            t.log(LogLevel.ERROR, "Both machines own foreign resources!");
            t.info("Releasing foreign resources: " + t.peerName() + " is their home node and keeps them.");
            t.holds = t.holds.minus(HoldSet.FOREIGN);
            t.pendingRelease = t.pendingRelease.minus(HoldSet.FOREIGN);
            t.wantClaimedGroups();
        }
        if (both.covers(HoldSet.LOCAL)) {
            if (t.reannounceWhenReleased.isEmpty()) {
                t.log(LogLevel.ERROR, "Both machines own our resources!");
                t.info("Keeping our local resources: " + t.peerName() + " releases them.");
                for (String key : t.config.keysOf(HoldSet.LOCAL)) {
                    if (runsHere(t, key)) {
                        t.act(new PolicyAction.ReannounceAddresses(key));
                        t.reannounceWhenReleased.add(key);
                    }
                }
            }
        } else if (!t.reannounceWhenReleased.isEmpty()) {
            reannounceStillRunning(t);
        }
    }

    /** Running or starting here, and staying. */
    private static boolean runsHere(Transition t, String key) {
        return t.wanted.contains(key)
                && (t.status(key) == GroupStatus.RUNNING || t.status(key) == GroupStatus.STARTING);
    }

    /** The peer let go of (or lost) groups both ran: announce ours again, for those still running. */
    static void reannounceStillRunning(Transition t) {
        for (String key : t.config.keysOf(HoldSet.ALL)) {
            if (t.reannounceWhenReleased.contains(key) && runsHere(t, key)) {
                t.act(new PolicyAction.ReannounceAddresses(key));
            }
        }
        t.reannounceWhenReleased.clear();
    }
}
