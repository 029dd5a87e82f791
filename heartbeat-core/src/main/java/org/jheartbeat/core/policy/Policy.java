package org.jheartbeat.core.policy;

import java.util.Objects;
import org.jheartbeat.core.policy.PeerMessage.AskResources;
import org.jheartbeat.core.policy.PeerMessage.IpRequest;
import org.jheartbeat.core.policy.PeerMessage.IpRequestResponse;
import org.jheartbeat.core.policy.PeerMessage.ResourceAnnouncement;
import org.jheartbeat.core.policy.PeerMessage.Shutdone;
import org.jheartbeat.core.policy.PeerMessage.Starting;
import org.jheartbeat.core.policy.PeerMessage.TakeoverRequest;
import org.jheartbeat.core.policy.PolicyEvent.CommsUp;
import org.jheartbeat.core.policy.PolicyEvent.FromPeer;
import org.jheartbeat.core.policy.PolicyEvent.GroupStartFailed;
import org.jheartbeat.core.policy.PolicyEvent.GroupStarted;
import org.jheartbeat.core.policy.PolicyEvent.GroupStopFailed;
import org.jheartbeat.core.policy.PolicyEvent.GroupStopped;
import org.jheartbeat.core.policy.PolicyEvent.NodeAlive;
import org.jheartbeat.core.policy.PolicyEvent.NodeDead;
import org.jheartbeat.core.policy.PolicyEvent.ShutdownRequested;
import org.jheartbeat.core.policy.PolicyEvent.StandbyRequested;
import org.jheartbeat.core.policy.PolicyEvent.TakeoverRequested;
import org.jheartbeat.core.policy.PolicyEvent.TimerFired;

/**
 * Heartbeat's v1 resource policy for one node, as a pure function: (state, event, time) →
 * (next state, actions). No I/O, no clock, no threads: the caller passes the time of the event
 * (any monotonic milliseconds; it only fills "N seconds left" texts and timer deadlines), runs
 * the actions, and feeds their outcomes back as events.
 *
 * <p>After every event the policy settles: it starts wanted groups and stops unwanted ones,
 * finishes hand-off steps whose resource work is done, starts a pending standby once both nodes
 * are stable, and tells the peer about any change in what this node holds.
 */
public final class Policy {

    private final PolicyConfig config;

    public Policy(PolicyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public PolicyConfig config() {
        return config;
    }

    /** See {@link PolicyState#initial}. */
    public PolicyState initialState(long incarnation) {
        return PolicyState.initial(config, incarnation);
    }

    /** See {@link PolicyState#restarted}. */
    public PolicyState restartedState(long incarnation, HoldSet holds, java.util.Set<String> running) {
        return PolicyState.restarted(config, incarnation, holds, running);
    }

    public Decision decide(PolicyState state, PolicyEvent event, long nowMillis) {
        Transition t = new Transition(config, state, nowMillis);
        if (t.phase == Phase.DOWN) {
            return t.decision();
        }
        switch (event) {
            case CommsUp ignored -> StartupRules.commsUp(t);
            case NodeAlive alive -> MembershipRules.alive(t, alive.node());
            case NodeDead dead -> MembershipRules.dead(t, dead.node());
            case FromPeer from -> fromPeer(t, from.message());
            case TimerFired fired -> timerFired(t, fired.token());
            case StandbyRequested request -> StandbyRules.request(t, request.argument().standbySet());
            case TakeoverRequested request -> StandbyRules.requestTakeover(t, request.argument());
            case ShutdownRequested ignored -> ShutdownRules.request(t);
            case GroupStarted started -> GroupResults.started(t, checkedKey(started.key()));
            case GroupStartFailed failed -> GroupResults.startFailed(t, checkedKey(failed.key()));
            case GroupStopped stopped -> GroupResults.stopped(t, checkedKey(stopped.key()));
            case GroupStopFailed failed -> GroupResults.stopFailed(t, checkedKey(failed.key()));
        }
        settle(t);
        return t.decision();
    }

    /**
     * What {@code cl_status rscstatus} prints. Nice failback: the hold set while this node and a
     * live peer are both stable, else {@code transition}. Legacy mode does not maintain the hold
     * set: {@code none}, or {@code transition} while resource work runs.
     */
    public RscStatus rscStatus(PolicyState state) {
        if (!config.niceFailback()) {
            return state.resourceWorkInProgress() ? RscStatus.TRANSITION : RscStatus.NONE;
        }
        boolean peerSettled = !state.peer().alive() || state.peer().stable();
        return state.locallyStable() && peerSettled ? RscStatus.of(state.holds()) : RscStatus.TRANSITION;
    }

    private String checkedKey(String key) {
        config.group(key);
        return key;
    }

    private static void fromPeer(Transition t, PeerMessage message) {
        if (t.config.peer().isEmpty()) {
            return;
        }
        if (!t.peer.alive()) {
            // A message proves the peer is up, whatever membership has said so far.
            MembershipRules.alive(t, t.peerName());
        }
        switch (message) {
            case Starting starting -> StartupRules.peerStarting(t, starting.incarnation());
            case ResourceAnnouncement announcement -> StartupRules.peerAnnounced(t, announcement);
            case AskResources ask -> StandbyRules.fromPeer(t, ask);
            case TakeoverRequest request -> StandbyRules.request(t, request.argument().takeoverSetForPeer());
            case Shutdone ignored -> MembershipRules.peerShutdone(t);
            case IpRequest request -> LegacyRules.peerRequests(t, request);
            case IpRequestResponse response -> LegacyRules.peerResponded(t, response);
        }
    }

    private static void timerFired(Transition t, TimerToken token) {
        switch (token.kind()) {
            case REQUEST_DELAY -> StartupRules.requestDelayOver(t, token);
            case STANDBY_REPLY, STANDBY_TAKEOVER, STANDBY_COMPLETION -> StandbyRules.timedOut(t, token);
        }
    }

    private void settle(Transition t) {
        int before;
        do {
            before = t.actionCount();
            t.reconcile();
            StandbyRules.progress(t);
            LegacyRules.progress(t);
            ShutdownRules.progress(t);
        } while (t.actionCount() != before);
        if (config.niceFailback() && t.phase == Phase.RUNNING) {
            OwnershipRules.releasePending(t);
            OwnershipRules.adoptOrphanedLocalGroups(t);
            t.reconcile();
        }
        if (!t.resourceWorkInProgress() && !t.whenIdle.isEmpty()) {
            t.whenIdle.forEach(t::info);
            t.whenIdle.clear();
        }
        t.announceIfChanged();
    }
}
