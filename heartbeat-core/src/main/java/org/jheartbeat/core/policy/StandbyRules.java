package org.jheartbeat.core.policy;

import java.util.List;
import org.jheartbeat.core.policy.PeerMessage.AskResources;
import org.jheartbeat.core.policy.PeerMessage.AskResources.StandbyStep;

/**
 * hb_standby, hb_takeover and the standby hand-off (spec §9). The giver R stops every group of
 * the set before it says {@code done}; the taker P starts nothing before that {@code done}.
 */
final class StandbyRules {

    private StandbyRules() {
    }

    /** This node gives {@code set} up: hb_standby, the peer's hb_takeover, failback, a failed group. */
    static void request(Transition t, HoldSet set) {
        if (!t.config.niceFailback()) {
            t.info("Standby mode only implemented when nice_failback on");
            return;
        }
        if (t.phase == Phase.SHUTTING_DOWN) {
            return;
        }
        String me = t.localNode();
        t.info(me + " wants to go standby [" + set + "]");
        if (!(t.standby instanceof Standby.Idle)) {
            t.log(LogLevel.WARN, "Standby in progress- new request from " + me + " ignored ["
                    + secondsLeft(t) + " seconds left]");
            return;
        }
        if (!t.locallyStable()) {
            t.log(LogLevel.WARN, "standby message [me] from " + me + " ignored.  local resources in flux.");
            return;
        }
        if (t.peer.alive() && !t.peer.stable()) {
            t.log(LogLevel.WARN, "standby message [me] from " + me + " ignored.  Other side is in flux.");
            return;
        }
        t.send(new AskResources(set, StandbyStep.ME));
        TimerToken timer = t.startTimer(TimerToken.Kind.STANDBY_REPLY, t.config.timings().standbyReply());
        t.standby = new Standby.Asking(set, timer, t.now + t.config.timings().standbyReply().toMillis());
    }

    static void requestTakeover(Transition t, StandbyArgument argument) {
        if (!t.peer.alive()) {
            t.log(LogLevel.WARN, "hb_takeover: no active peer to take resources from.");
            return;
        }
        t.send(new PeerMessage.TakeoverRequest(argument));
    }

    static void fromPeer(Transition t, AskResources message) {
        if (!t.config.niceFailback() || t.phase == Phase.SHUTTING_DOWN) {
            return;
        }
        switch (message.step()) {
            case ME -> peerWantsStandby(t, message.set());
            case OTHER -> peerCanTake(t, message);
            case DONE -> peerDone(t, message);
        }
    }

    private static void peerWantsStandby(Transition t, HoldSet set) {
        String peer = t.peerName();
        t.info(peer + " wants to go standby [" + set + "]");
        if (!(t.standby instanceof Standby.Idle)) {
            t.log(LogLevel.WARN, "Standby in progress- new request from " + peer + " ignored ["
                    + secondsLeft(t) + " seconds left]");
            return;
        }
        if (!t.peer.stable()) {
            t.log(LogLevel.WARN, "standby message [me] from " + peer + " ignored.  Other side is in flux.");
            return;
        }
        if (!t.locallyStable()) {
            t.log(LogLevel.WARN, "standby message [me] from " + peer + " ignored.  local resources in flux.");
            return;
        }
        TimerToken timer = t.startTimer(TimerToken.Kind.STANDBY_TAKEOVER, t.config.timings().standbyTakeover());
        t.standby = new Standby.Accepted(set, timer, t.now + t.config.timings().standbyTakeover().toMillis());
        t.send(new AskResources(set, StandbyStep.OTHER));
        t.probeAhead(t.config.keysOf(set.asSeenByPeer()), t.config.timings().standbyTakeover());
    }

    private static void peerCanTake(Transition t, AskResources message) {
        if (!(t.standby instanceof Standby.Asking asking) || asking.set() != message.set()) {
            ignored(t, message);
            return;
        }
        HoldSet set = asking.set();
        t.cancelTimer(asking.timer());
        t.info("standby: " + t.peerName() + " can take our " + set + " resources");
        t.holds = t.holds.minus(set);
        t.pendingRelease = t.pendingRelease.minus(set);
        t.wantClaimedGroups();
        t.standby = new Standby.Releasing(set);
        t.info("give up " + set + " HA resources (standby).");
        t.config.keysOf(set).forEach(t::forceStop);
    }

    private static void peerDone(Transition t, AskResources message) {
        HoldSet set = message.set();
        if (t.standby instanceof Standby.Accepted accepted && accepted.set() == set) {
            t.cancelTimer(accepted.timer());
            HoldSet mine = set.asSeenByPeer();
            t.info("standby: acquire [" + set + "] resources from " + t.peerName());
            t.holds = t.holds.plus(mine);
            t.config.keysOf(mine).forEach(t.failed::remove);
            t.wantClaimedGroups();
            t.standby = new Standby.Acquiring(set);
            t.info("acquire " + mine + " HA resources (standby).");
        } else if (t.standby instanceof Standby.Released released && released.set() == set) {
            t.cancelTimer(released.timer());
            t.info("Other node completed standby takeover of " + set + " resources.");
            t.standby = new Standby.Idle();
        } else {
            ignored(t, message);
        }
    }

    private static void ignored(Transition t, AskResources message) {
        t.log(LogLevel.ERROR, "Ignored standby message '" + message.step().word() + "' from " + t.peerName()
                + " in state " + t.standby.heartbeatStateNumber());
    }

    /** Finish a step whose resource work is done. */
    static void progress(Transition t) {
        switch (t.standby) {
            case Standby.Releasing releasing when t.allStopped(t.config.keysOf(releasing.set())) -> {
                HoldSet set = releasing.set();
                t.info(set + " HA resource release completed (standby).");
                t.standby = new Standby.Released(set,
                        t.startTimer(TimerToken.Kind.STANDBY_COMPLETION, t.config.timings().standbyTakeover()));
                // The peer must see our holdings without the set before it acts on "done".
                t.announceIfChanged();
                t.send(new AskResources(set, StandbyStep.DONE));
                t.info("Local standby process completed [" + set + "].");
            }
            case Standby.Acquiring acquiring when acquired(t, t.config.keysOf(acquiring.set().asSeenByPeer())) -> {
                HoldSet set = acquiring.set();
                t.info(set.asSeenByPeer() + " HA resource acquisition completed (standby).");
                t.send(new AskResources(set, StandbyStep.DONE));
                t.info("Standby resource acquisition done [" + set + "].");
                t.standby = new Standby.Idle();
            }
            default -> {
            }
        }
    }

    private static boolean acquired(Transition t, List<String> keys) {
        return keys.stream().allMatch(k -> t.status(k) == GroupStatus.RUNNING
                || (t.status(k) == GroupStatus.STOPPED && t.failed.contains(k)));
    }

    static void timedOut(Transition t, TimerToken token) {
        switch (t.standby) {
            case Standby.Asking asking when asking.timer().equals(token) -> {
                t.log(LogLevel.WARN, "No reply to standby request.  Standby request cancelled.");
                t.standby = new Standby.Idle();
            }
            case Standby.Accepted accepted when accepted.timer().equals(token) -> {
                t.log(LogLevel.WARN, "No standby done message from " + t.peerName() + ".  Standby request cancelled.");
                t.standby = new Standby.Idle();
            }
            case Standby.Released released when released.timer().equals(token) -> {
                // Whatever the peer did not take is adopted by its home node once both are stable.
                t.log(LogLevel.WARN, "No standby done message from " + t.peerName() + ".  Standby completed without it.");
                t.standby = new Standby.Idle();
            }
            default -> {
            }
        }
    }

    /** Abandon a hand-off the peer can no longer complete (it died, restarted or left). */
    static void cancel(Transition t) {
        switch (t.standby) {
            case Standby.Idle idle -> {
                return;
            }
            case Standby.Asking asking -> t.cancelTimer(asking.timer());
            case Standby.Accepted accepted -> t.cancelTimer(accepted.timer());
            case Standby.Released released -> t.cancelTimer(released.timer());
            default -> {
            }
        }
        t.info("Cancelling pending standby operation");
        t.standby = new Standby.Idle();
    }

    private static long secondsLeft(Transition t) {
        long deadline = switch (t.standby) {
            case Standby.Asking asking -> asking.deadline();
            case Standby.Accepted accepted -> accepted.deadline();
            default -> t.now;
        };
        return Math.max(0, (deadline - t.now + 999) / 1000);
    }
}
