package org.jheartbeat.core.policy;

import java.util.Optional;
import org.jheartbeat.core.policy.PeerMessage.ResourceAnnouncement;

/** Comms up, the {@code starting}/{@code resource} exchange and the simultaneous-start delay (spec §5). */
final class StartupRules {

    private StartupRules() {
    }

    static void commsUp(Transition t) {
        if (t.phase != Phase.WAITING) {
            return;
        }
        if (t.config.peer().isEmpty()) {
            // A one-node cluster: every group is local.
            t.phase = Phase.RUNNING;
            takeLocalGroups(t);
            return;
        }
        if (!t.peer.alive()) {
            MembershipRules.takeOver(t, t.peer, false);
            return;
        }
        if (!t.config.niceFailback()) {
            t.phase = Phase.RUNNING;
            LegacyRules.requestLocalGroups(t);
            return;
        }
        t.send(new PeerMessage.Starting(t.incarnation));
        t.phase = Phase.STARTING;
    }

    /** The peer (re)started: it holds nothing yet and wants to know what we hold. */
    static void peerStarting(Transition t, long peerIncarnation) {
        t.peer = PeerView.fresh(PeerView.Liveness.ALIVE);
        if (!t.config.niceFailback()) {
            return;
        }
        StandbyRules.cancel(t);
        if (t.autoFailbackOn() && t.holds.covers(HoldSet.FOREIGN)) {
            t.pendingRelease = t.pendingRelease.plus(HoldSet.FOREIGN);
        }
        OwnershipRules.offerFailedGroups(t);
        t.answerStarting(peerIncarnation);
    }

    static void peerAnnounced(Transition t, ResourceAnnouncement announcement) {
        t.peer = new PeerView(PeerView.Liveness.ALIVE, announcement.holds(), announcement.stable(),
                announcement.info() == ResourceAnnouncement.Info.SHUTDOWN, announcement.failed());
        if (!t.config.niceFailback()) {
            return;
        }
        if (t.phase == Phase.STARTING) {
            if (t.requestDelay.isEmpty() && announcement.replyTo() == t.incarnation) {
                decide(t);
            }
        } else if (t.phase == Phase.RUNNING && !t.peer.shuttingDown()) {
            OwnershipRules.resolveDoubleHolding(t);
        }
    }

    private static void decide(Transition t) {
        if (!t.peer.stable()) {
            t.requestDelay = Optional.of(t.startTimer(TimerToken.Kind.REQUEST_DELAY, t.config.timings().requestDelay()));
            return;
        }
        t.phase = Phase.RUNNING;
        if (peerHoldsOurGroups(t)) {
            t.info("Local Resource acquisition completed. (none)");
            t.info("Initial resource acquisition complete (T_RESOURCES(them))");
            return;
        }
        t.info("remote resource transition completed.");
        takeLocalGroups(t);
        t.info("Initial resource acquisition complete (T_RESOURCES(us))");
    }

    static void requestDelayOver(Transition t, TimerToken token) {
        if (t.requestDelay.filter(token::equals).isEmpty() || t.phase != Phase.STARTING) {
            return;
        }
        t.requestDelay = Optional.empty();
        t.phase = Phase.RUNNING;
        if (peerHoldsOurGroups(t)) {
            t.info("Local Resource acquisition completed. (none)");
        } else {
            t.info("local resource transition completed.");
            takeLocalGroups(t);
        }
        t.info("Initial resource acquisition complete (HB_R_BOTHSTARTING)");
    }

    private static boolean peerHoldsOurGroups(Transition t) {
        return t.peer.holdsAsSeenHere().covers(HoldSet.LOCAL);
    }

    private static void takeLocalGroups(Transition t) {
        if (t.config.niceFailback()) {
            t.holds = t.holds.plus(HoldSet.LOCAL);
            t.wantClaimedGroups();
        } else {
            t.wanted.addAll(t.config.keysOf(HoldSet.LOCAL));
        }
        t.whenIdle.add("Local Resource acquisition completed.");
    }

    /** Forget a running simultaneous-start wait. */
    static void cancelRequestDelay(Transition t) {
        t.requestDelay.ifPresent(t::cancelTimer);
        t.requestDelay = Optional.empty();
    }
}
