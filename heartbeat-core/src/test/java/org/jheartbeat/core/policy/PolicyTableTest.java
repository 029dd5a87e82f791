package org.jheartbeat.core.policy;

import static org.jheartbeat.core.policy.TwoNodeCluster.G1;
import static org.jheartbeat.core.policy.TwoNodeCluster.G1B;
import static org.jheartbeat.core.policy.TwoNodeCluster.G2;
import static org.jheartbeat.core.policy.TwoNodeCluster.X1;
import static org.jheartbeat.core.policy.TwoNodeCluster.X2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jheartbeat.core.config.AutoFailback;
import org.jheartbeat.core.policy.PeerMessage.AskResources;
import org.jheartbeat.core.policy.PeerMessage.AskResources.StandbyStep;
import org.jheartbeat.core.policy.PeerMessage.ResourceAnnouncement;
import org.jheartbeat.core.policy.PeerView.Liveness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event against every combination of phase, hold set, group statuses, peer view and
 * standby state (for each auto_failback mode and phase one table row), checking the rules that
 * must hold whatever the state: which actions may follow which status, that a group is never
 * started while a live peer announces holding it, that hand-off messages only go out after the
 * stops they promise, that legacy and nice failback never mix messages, and that a stopped
 * daemon does nothing.
 */
class PolicyTableTest {

    static final long NOW = 50_000;
    static final long INCARNATION = 7;
    static final TimerToken DELAY = new TimerToken(TimerToken.Kind.REQUEST_DELAY, 1);
    static final TimerToken REPLY = new TimerToken(TimerToken.Kind.STANDBY_REPLY, 2);
    static final TimerToken TAKEOVER = new TimerToken(TimerToken.Kind.STANDBY_TAKEOVER, 3);
    static final TimerToken COMPLETION = new TimerToken(TimerToken.Kind.STANDBY_COMPLETION, 4);
    static final TimerToken STALE = new TimerToken(TimerToken.Kind.REQUEST_DELAY, 99);
    static final PeerMessage.RequestId ASKED = new PeerMessage.RequestId(INCARNATION, 5);

    static final List<Map<String, GroupStatus>> GROUP_PATTERNS = List.of(
            groups(GroupStatus.STOPPED, GroupStatus.STOPPED, GroupStatus.STOPPED),
            groups(GroupStatus.RUNNING, GroupStatus.RUNNING, GroupStatus.STOPPED),
            groups(GroupStatus.RUNNING, GroupStatus.RUNNING, GroupStatus.RUNNING),
            groups(GroupStatus.STARTING, GroupStatus.STOP_FAILED, GroupStatus.STOPPING),
            groups(GroupStatus.STOPPED, GroupStatus.STOPPING, GroupStatus.STARTING));

    static final List<PeerView> PEER_VIEWS = List.of(
            PeerView.fresh(Liveness.UNKNOWN),
            PeerView.fresh(Liveness.DEAD),
            PeerView.fresh(Liveness.GONE),
            new PeerView(Liveness.ALIVE, HoldSet.NONE, true, false, Set.of()),
            new PeerView(Liveness.ALIVE, HoldSet.LOCAL, true, false, Set.of()),
            new PeerView(Liveness.ALIVE, HoldSet.FOREIGN, true, false, Set.of(G1)),
            new PeerView(Liveness.ALIVE, HoldSet.ALL, true, false, Set.of()),
            new PeerView(Liveness.ALIVE, HoldSet.LOCAL, false, false, Set.of(G2)),
            new PeerView(Liveness.ALIVE, HoldSet.ALL, false, true, Set.of()));

    static final List<Standby> STANDBYS = List.of(
            new Standby.Idle(),
            new Standby.Asking(HoldSet.ALL, REPLY, NOW + 4_000),
            new Standby.Releasing(HoldSet.FOREIGN),
            new Standby.Released(HoldSet.LOCAL, COMPLETION),
            new Standby.Accepted(HoldSet.FOREIGN, TAKEOVER, NOW + 3_000_000),
            new Standby.Acquiring(HoldSet.ALL));

    static Map<String, GroupStatus> groups(GroupStatus g1, GroupStatus g1b, GroupStatus g2) {
        Map<String, GroupStatus> map = new LinkedHashMap<>();
        map.put(G1, g1);
        map.put(G1B, g1b);
        map.put(G2, g2);
        return map;
    }

    static List<PolicyEvent> events() {
        List<PolicyEvent> events = new ArrayList<>();
        events.add(new PolicyEvent.CommsUp());
        events.add(new PolicyEvent.NodeAlive(X2));
        events.add(new PolicyEvent.NodeDead(X2));
        events.add(new PolicyEvent.NodeAlive(TwoNodeCluster.PING));
        events.add(new PolicyEvent.NodeDead(TwoNodeCluster.PING));
        events.add(new PolicyEvent.ShutdownRequested());
        for (String key : List.of(G1, G1B, G2)) {
            events.add(new PolicyEvent.GroupStarted(key));
            events.add(new PolicyEvent.GroupStartFailed(key));
            events.add(new PolicyEvent.GroupStopped(key));
            events.add(new PolicyEvent.GroupStopFailed(key));
        }
        for (TimerToken token : List.of(DELAY, REPLY, TAKEOVER, COMPLETION, STALE)) {
            events.add(new PolicyEvent.TimerFired(token));
        }
        for (StandbyArgument argument : StandbyArgument.values()) {
            events.add(new PolicyEvent.StandbyRequested(argument));
            events.add(new PolicyEvent.TakeoverRequested(argument));
            events.add(new PolicyEvent.FromPeer(new PeerMessage.TakeoverRequest(argument)));
        }
        List<PeerMessage> messages = new ArrayList<>();
        messages.add(new PeerMessage.Starting(3));
        messages.add(new PeerMessage.Shutdone());
        for (HoldSet holds : HoldSet.values()) {
            messages.add(new ResourceAnnouncement(holds, true, ResourceAnnouncement.Info.NONE, Set.of(), INCARNATION));
            messages.add(new ResourceAnnouncement(holds, false, ResourceAnnouncement.Info.STANDBY, Set.of(G2), 0));
        }
        messages.add(new ResourceAnnouncement(HoldSet.ALL, false, ResourceAnnouncement.Info.SHUTDOWN, Set.of(), 0));
        for (HoldSet set : List.of(HoldSet.ALL, HoldSet.LOCAL, HoldSet.FOREIGN)) {
            for (StandbyStep step : StandbyStep.values()) {
                messages.add(new AskResources(set, step));
            }
        }
        for (String key : List.of(G1, G2)) {
            messages.add(new PeerMessage.IpRequest(key, new PeerMessage.RequestId(3, 1)));
            messages.add(new PeerMessage.IpRequestResponse(key, ASKED, true));
            messages.add(new PeerMessage.IpRequestResponse(key, new PeerMessage.RequestId(INCARNATION - 1, 5), false));
        }
        messages.forEach(m -> events.add(new PolicyEvent.FromPeer(m)));
        return events;
    }

    static Stream<Arguments> rows() {
        List<Arguments> rows = new ArrayList<>();
        for (AutoFailback mode : AutoFailback.values()) {
            for (Phase phase : Phase.values()) {
                for (boolean delayRunning : List.of(false, true)) {
                    if (delayRunning && phase != Phase.STARTING) {
                        continue;
                    }
                    rows.add(Arguments.of(mode, phase, delayRunning));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1} delay={2}")
    @MethodSource("rows")
    void everyEventInEveryStateKeepsTheRules(AutoFailback mode, Phase phase, boolean delayRunning) {
        PolicyConfig config = TwoNodeCluster.config(X1, mode);
        Policy policy = new Policy(config);
        List<PolicyEvent> events = events();
        int checked = 0;
        for (HoldSet holds : HoldSet.values()) {
            for (Map<String, GroupStatus> groups : GROUP_PATTERNS) {
                for (PeerView peer : PEER_VIEWS) {
                    for (Standby standby : STANDBYS) {
                        if (!config.niceFailback() && !(standby instanceof Standby.Idle)) {
                            continue; // legacy mode never enters the standby protocol
                        }
                        PolicyState state = state(config, phase, delayRunning, holds, groups, peer, standby);
                        for (PolicyEvent event : events) {
                            Decision decision;
                            try {
                                decision = policy.decide(state, event, NOW);
                            } catch (RuntimeException e) {
                                throw new AssertionError("threw on " + event + " in " + state, e);
                            }
                            check(policy, state, event, decision);
                            checked++;
                        }
                    }
                }
            }
        }
        int standbys = config.niceFailback() ? STANDBYS.size() : 1;
        assertEquals(HoldSet.values().length * GROUP_PATTERNS.size() * PEER_VIEWS.size() * standbys
                * events.size(), checked);
    }

    static PolicyState state(PolicyConfig config, Phase phase, boolean delayRunning, HoldSet holds,
                             Map<String, GroupStatus> groups, PeerView peer, Standby standby) {
        Set<String> wanted = new HashSet<>(config.keysOf(holds));
        return new PolicyState(phase, holds, wanted, Set.of(), groups, peer, standby, HoldSet.NONE, false,
                delayRunning ? Optional.of(DELAY) : Optional.empty(), List.of(), Set.of(G1),
                Map.of(G1, ASKED), Map.of(), Optional.empty(), 10, INCARNATION);
    }

    static void check(Policy policy, PolicyState before, PolicyEvent event, Decision decision) {
        PolicyConfig config = policy.config();
        PolicyState after = decision.state();
        List<PolicyAction> actions = decision.actions();
        Supplier<String> context = () -> event + "\n in " + before + "\n -> " + after + "\n actions " + actions;
        if (before.phase() == Phase.DOWN) {
            assertEquals(List.of(), actions, context);
            assertEquals(before, after, context);
            return;
        }
        if (event.equals(new PolicyEvent.NodeDead(TwoNodeCluster.PING))
                || event.equals(new PolicyEvent.NodeAlive(TwoNodeCluster.PING))) {
            // A ping node changes nothing: the same as an event that means nothing (a stale timer).
            assertEquals(policy.decide(before, new PolicyEvent.TimerFired(STALE), NOW), decision, context);
        }
        Set<String> started = new HashSet<>();
        Set<String> stopped = new HashSet<>();
        Set<TimerToken> newTimers = new HashSet<>();
        Optional<ResourceAnnouncement> lastAnnouncement = Optional.empty();
        for (PolicyAction action : actions) {
            switch (action) {
                case PolicyAction.StartGroup(String key) -> {
                    assertTrue(started.add(key), context);
                    assertTrue(before.status(key) == GroupStatus.STOPPED
                            || event.equals(new PolicyEvent.GroupStopped(key)), context);
                    assertEquals(GroupStatus.STARTING, after.status(key), context);
                    assertTrue(after.wanted().contains(key) && !after.failed().contains(key), context);
                    assertEquals(Phase.RUNNING, after.phase(), context);
                    boolean peerClaims = after.peer().alive()
                            && after.peer().holdsAsSeenHere().covers(config.categoryOf(key));
                    assertTrue(!peerClaims, () -> "started a group the live peer announces: " + context.get());
                }
                case PolicyAction.ProbeAhead(String key, java.time.Duration validFor) -> {
                    assertEquals(GroupStatus.STOPPED, after.status(key), context);
                    assertFalse(after.wanted().contains(key), context);
                    assertTrue(validFor.isPositive(), context);
                }
                case PolicyAction.StopGroup(String key) -> {
                    assertTrue(stopped.add(key), context);
                    GroupStatus from = before.status(key);
                    // a group that was not running here is cleared, not released
                    assertEquals(from == GroupStatus.STOPPED ? GroupStatus.CLEARING : GroupStatus.STOPPING,
                            after.status(key), context);
                    boolean startJustEnded = event.equals(new PolicyEvent.GroupStartFailed(key))
                            || event.equals(new PolicyEvent.GroupStarted(key));
                    assertTrue(from == GroupStatus.RUNNING || from == GroupStatus.STOPPED
                            || (from == GroupStatus.STARTING && startJustEnded), context);
                }
                case PolicyAction.SendToPeer(PeerMessage message) -> {
                    checkMessage(config, before, after, message, context);
                    if (message instanceof ResourceAnnouncement announcement) {
                        lastAnnouncement = Optional.of(announcement);
                    }
                }
                case PolicyAction.StartTimer(TimerToken token, var delay) -> {
                    assertTrue(token.id() >= before.nextId() && newTimers.add(token), context);
                    assertTrue(!delay.isNegative() && !delay.isZero(), context);
                }
                case PolicyAction.CancelTimer(TimerToken token) ->
                        assertTrue(List.of(DELAY, REPLY, TAKEOVER, COMPLETION).contains(token) || newTimers.contains(token), context);
                case PolicyAction.Log(LogLevel level, String text) ->
                        assertTrue(!text.isBlank() && !text.contains("null"), context);
                case PolicyAction.ReannounceAddresses(String key) -> {
                    GroupStatus status = after.status(key);
                    assertTrue(status == GroupStatus.RUNNING || status == GroupStatus.STARTING, context);
                }
                case PolicyAction.StopFailureEscalation(String key) -> {
                    assertEquals(GroupStatus.STOP_FAILED, after.status(key), context);
                    assertEquals(new PolicyEvent.GroupStopFailed(key), event, context);
                }
                case PolicyAction.ShutdownComplete() -> {
                    assertEquals(Phase.DOWN, after.phase(), context);
                    after.groups().values().forEach(s -> assertEquals(GroupStatus.STOPPED, s, context));
                }
            }
        }
        for (String key : config.keysOf(HoldSet.ALL)) {
            GroupStatus from = before.status(key);
            GroupStatus to = after.status(key);
            if (from == to) {
                continue;
            }
            boolean explained = switch (to) {
                case STARTING -> started.contains(key);
                case STOPPING, CLEARING -> stopped.contains(key);
                case RUNNING -> event.equals(new PolicyEvent.GroupStarted(key));
                case STOPPED -> event.equals(new PolicyEvent.GroupStopped(key));
                case STOP_FAILED -> event.equals(new PolicyEvent.GroupStopFailed(key));
            };
            assertTrue(explained, () -> key + " went " + from + " -> " + to + " without cause: " + context.get());
        }
        lastAnnouncement.ifPresent(a -> {
            for (String key : after.occupied()) {
                assertTrue(a.holds().covers(config.categoryOf(key)),
                        () -> "announcement hides " + key + ", which is not stopped: " + context.get());
            }
        });
        if (config.niceFailback() && after.resourceWorkInProgress()) {
            assertEquals(RscStatus.TRANSITION, policy.rscStatus(after), context);
        }
        if (after.standby() instanceof Standby.Asking(var set, TimerToken timer, long deadline)) {
            assertTrue(timer.equals(REPLY) || newTimers.contains(timer), context);
        }
    }

    private static void checkMessage(PolicyConfig config, PolicyState before, PolicyState after,
                                     PeerMessage message, Supplier<String> context) {
        boolean nice = config.niceFailback();
        switch (message) {
            case PeerMessage.Starting s -> assertTrue(nice && s.incarnation() == INCARNATION, context);
            case ResourceAnnouncement a -> assertTrue(nice, context);
            case AskResources ask -> {
                assertTrue(nice, context);
                if (ask.step() == StandbyStep.DONE && before.standby() instanceof Standby.Releasing) {
                    // Stopped now, or stopped before and stopped again by a graceful stop that followed.
                    for (String key : config.keysOf(ask.set())) {
                        boolean stopped = after.status(key) == GroupStatus.STOPPED
                                || (after.status(key) == GroupStatus.CLEARING && before.status(key) == GroupStatus.STOPPED
                                && after.phase() == Phase.SHUTTING_DOWN);
                        assertTrue(stopped, () -> "done before " + key + " stopped: " + context.get());
                    }
                }
            }
            case PeerMessage.IpRequest request -> assertTrue(!nice && request.id().incarnation() == INCARNATION, context);
            case PeerMessage.IpRequestResponse response -> {
                assertTrue(!nice, context);
                assertEquals(GroupStatus.STOPPED, after.status(response.key()), context);
            }
            case PeerMessage.Shutdone s -> {
                assertEquals(Phase.DOWN, after.phase(), context);
                after.groups().values().forEach(status -> assertEquals(GroupStatus.STOPPED, status, context));
            }
            case PeerMessage.TakeoverRequest r -> {
                if (!after.peer().alive()) {
                    fail("hb_takeover sent to a peer that is not alive: " + context.get());
                }
            }
        }
    }
}
