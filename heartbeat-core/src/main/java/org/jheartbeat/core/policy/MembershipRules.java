package org.jheartbeat.core.policy;

import java.util.Optional;

/** Peer up, peer death and the peer's graceful stop (spec §7, §10.1 peer side). */
final class MembershipRules {

    private MembershipRules() {
    }

    private static boolean isPeer(Transition t, String node) {
        return t.config.isPeer(node);
    }

    static void alive(Transition t, String node) {
        if (!isPeer(t, node) || t.peer.alive()) {
            return;
        }
        t.peer = PeerView.fresh(PeerView.Liveness.ALIVE);
        // Tell it what we hold: after a partition this is how both sides find double holdings.
        t.lastAnnounced = Optional.empty();
        OwnershipRules.offerFailedGroups(t);
        if (!t.config.niceFailback() && t.phase == Phase.RUNNING) {
            LegacyRules.requestLocalGroups(t);
        }
    }

    static void dead(Transition t, String node) {
        if (!isPeer(t, node)) {
            return;
        }
        PeerView before = t.peer;
        if (before.liveness() == PeerView.Liveness.DEAD) {
            return;
        }
        t.peer = PeerView.fresh(PeerView.Liveness.DEAD);
        if (before.liveness() == PeerView.Liveness.GONE) {
            t.info("Dead node " + node + " gave up resources.");
            return;
        }
        if (t.phase == Phase.STARTING || t.phase == Phase.RUNNING) {
            takeOver(t, before, false);
        }
    }

    static void peerShutdone(Transition t) {
        PeerView before = t.peer;
        t.peer = PeerView.fresh(PeerView.Liveness.GONE);
        t.info("Received shutdown notice from '" + t.peerName() + "'.");
        switch (t.phase) {
            case SHUTTING_DOWN -> t.info("Resource takeover cancelled - shutdown in progress.");
            case STARTING, RUNNING -> takeOver(t, before, true);
            case WAITING, DOWN -> {
                // comms up will find the peer gone and take everything
            }
        }
    }

    /**
     * Take every group whose home is the peer and re-request our own (Heartbeat's mach_down):
     * the peer is dead or has released everything.
     */
    static void takeOver(Transition t, PeerView before, boolean peerShutDown) {
        String peer = t.peerName();
        StandbyRules.cancel(t);
        StartupRules.cancelRequestDelay(t);
        t.phase = Phase.RUNNING;
        // Legacy mode exchanges no holdings, so only a shutdone tells that the peer let go.
        boolean gaveUp = before.liveness() == PeerView.Liveness.GONE
                || (t.config.niceFailback() && before.liveness() == PeerView.Liveness.ALIVE && before.holds().isEmpty());
        if (!peerShutDown) {
            if (gaveUp) {
                t.info("Dead node " + peer + " gave up resources.");
            } else {
                t.log(LogLevel.WARN, "No STONITH device configured.");
                t.log(LogLevel.WARN, "Shared disks are not protected.");
            }
        }
        t.info("Resources being acquired from " + peer + ".");
        if (peerShutDown) {
            t.info("acquire all HA resources (standby).");
        }
        // The last node standing tries every group again, including ones that failed here.
        t.failed.clear();
        t.legacyAsked.clear();
        t.legacyOwed.clear();
        if (t.config.niceFailback()) {
            t.holds = HoldSet.ALL;
            t.wantClaimedGroups();
        } else {
            t.wanted.addAll(t.config.keysOf(HoldSet.ALL));
        }
        t.pendingRelease = t.autoFailbackOn() ? HoldSet.FOREIGN : HoldSet.NONE;
        for (String key : t.config.keysOf(HoldSet.FOREIGN)) {
            if (t.status(key) != GroupStatus.RUNNING) {
                t.info("Taking over resource group " + key);
            }
        }
        OwnershipRules.reannounceStillRunning(t);
        t.whenIdle.add("mach_down takeover complete.");
    }
}
