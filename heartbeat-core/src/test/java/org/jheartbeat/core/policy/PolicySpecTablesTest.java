package org.jheartbeat.core.policy;

import static org.jheartbeat.core.policy.TwoNodeCluster.G1;
import static org.jheartbeat.core.policy.TwoNodeCluster.G1B;
import static org.jheartbeat.core.policy.TwoNodeCluster.G2;
import static org.jheartbeat.core.policy.TwoNodeCluster.X1;
import static org.jheartbeat.core.policy.TwoNodeCluster.X2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jheartbeat.core.config.AutoFailback;
import org.jheartbeat.core.policy.PeerMessage.AskResources;
import org.jheartbeat.core.policy.PeerMessage.AskResources.StandbyStep;
import org.jheartbeat.core.policy.PeerMessage.ResourceAnnouncement;
import org.jheartbeat.core.policy.PeerView.Liveness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The spec's tables, row by row: start-up decisions (§5), hb_standby/hb_takeover (§9.1), refusals (§9.2), rscstatus (§3). */
class PolicySpecTablesTest {

    static final long INCARNATION = 4;
    final Policy x1 = new Policy(TwoNodeCluster.config(X1, AutoFailback.ON));

    private PolicyState afterCommsUpWithPeer() {
        PolicyState s = x1.initialState(INCARNATION);
        s = x1.decide(s, new PolicyEvent.NodeAlive(X2), 0).state();
        Decision d = x1.decide(s, new PolicyEvent.CommsUp(), 0);
        assertEquals(List.of(new PolicyAction.SendToPeer(new PeerMessage.Starting(INCARNATION))), d.actions());
        return d.state();
    }

    private static List<String> started(Decision d) {
        return d.actions().stream().filter(a -> a instanceof PolicyAction.StartGroup)
                .map(a -> ((PolicyAction.StartGroup) a).key()).toList();
    }

    private static List<String> logs(Decision d) {
        return d.actions().stream().filter(a -> a instanceof PolicyAction.Log)
                .map(a -> ((PolicyAction.Log) a).text()).toList();
    }

    /** §5 step 3: what the starting node does with the peer's answer. (holds named by the peer) */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            true  | foreign | none  | Initial resource acquisition complete (T_RESOURCES(them))
            true  | all     | none  | Initial resource acquisition complete (T_RESOURCES(them))
            true  | none    | local | Initial resource acquisition complete (T_RESOURCES(us))
            true  | local   | local | Initial resource acquisition complete (T_RESOURCES(us))
            false | none    | wait  |
            false | all     | wait  |
            """)
    void startUpDecision(boolean peerStable, String peerHolds, String outcome, String log) {
        PolicyState starting = afterCommsUpWithPeer();
        HoldSet holds = HoldSet.valueOf(peerHolds.toUpperCase());
        Decision d = x1.decide(starting, new PolicyEvent.FromPeer(
                new ResourceAnnouncement(holds, peerStable, ResourceAnnouncement.Info.NONE, Set.of(), INCARNATION)), 0);
        switch (outcome) {
            case "none" -> {
                assertEquals(List.of(), started(d));
                assertTrue(logs(d).contains("Local Resource acquisition completed. (none)"));
            }
            case "local" -> assertEquals(List.of(G1, G1B), started(d));
            default -> {
                assertEquals(List.of(), started(d));
                assertEquals(Phase.STARTING, d.state().phase());
                TimerToken token = d.state().requestDelay().orElseThrow();
                assertTrue(d.actions().contains(new PolicyAction.StartTimer(token, Duration.ofSeconds(10))));
                Decision after = x1.decide(d.state(), new PolicyEvent.TimerFired(token), 10_000);
                assertEquals(holds.covers(HoldSet.FOREIGN) ? List.of() : List.of(G1, G1B), started(after));
                assertTrue(logs(after).contains("Initial resource acquisition complete (HB_R_BOTHSTARTING)"));
            }
        }
        if (log != null) {
            assertTrue(logs(d).contains(log), logs(d)::toString);
        }
    }

    @Test
    void anAnnouncementThatDoesNotAnswerOurStartingDecidesNothing() {
        PolicyState starting = afterCommsUpWithPeer();
        Decision d = x1.decide(starting, new PolicyEvent.FromPeer(
                new ResourceAnnouncement(HoldSet.NONE, true, ResourceAnnouncement.Info.NONE, Set.of(), INCARNATION - 1)), 0);
        assertEquals(Phase.STARTING, d.state().phase());
        assertEquals(List.of(), d.actions());
    }

    /**
     * §9.1: the command runs on x1 with every group on its home node (or, for the second block,
     * with every group on x2); placements list the node of x1's two groups, then of x2's group.
     */
    @ParameterizedTest(name = "{0} {1} from {2}")
    @CsvSource(delimiter = '|', textBlock = """
            standby  | ALL      | home | x2 x2 x2 | acquire all HA resources (standby).
            standby  | LOCAL    | home | x2 x2 x2 | acquire foreign HA resources (standby).
            standby  | FOREIGN  | home | x1 x1 x2 | acquire local HA resources (standby).
            standby  | FAILBACK | home | x1 x1 x2 | acquire local HA resources (standby).
            takeover | ALL      | home | x1 x1 x1 | x2 wants to go standby [all]
            takeover | LOCAL    | home | x1 x1 x2 | x2 wants to go standby [foreign]
            takeover | FOREIGN  | home | x1 x1 x1 | x2 wants to go standby [local]
            takeover | FAILBACK | home | x1 x1 x1 | x2 wants to go standby [all]
            standby  | ALL      | x2   | x2 x2 x2 | acquire all HA resources (standby).
            takeover | ALL      | x2   | x1 x1 x1 | x2 wants to go standby [all]
            takeover | LOCAL    | x2   | x1 x1 x2 | x2 wants to go standby [foreign]
            takeover | FOREIGN  | x2   | x2 x2 x1 | x2 wants to go standby [local]
            takeover | FAILBACK | x2   | x1 x1 x1 | x2 wants to go standby [all]
            """)
    void standbyAndTakeoverMapping(String command, StandbyArgument argument, String from, String placement,
                                   String x2Log) {
        TwoNodeCluster c = PolicyScenarioTest.bothStartedTogether(AutoFailback.OFF);
        if (from.equals("x2")) {
            c.command(c.x1, new PolicyEvent.StandbyRequested(StandbyArgument.ALL));
            c.runUntilQuiet();
            c.x2.log.clear();
        }
        c.command(c.x1, command.equals("standby")
                ? new PolicyEvent.StandbyRequested(argument) : new PolicyEvent.TakeoverRequested(argument));
        c.runUntilQuiet();
        String[] nodes = placement.split(" ");
        assertEquals(Map.of(G1, List.of(nodes[0]), G1B, List.of(nodes[1]), G2, List.of(nodes[2])), c.placement(), c::trace);
        assertTrue(c.x2.logged(x2Log), c.x2.logTexts()::toString);
        PolicyScenarioTest.assertSettled(c);
    }

    private PolicyState stableWithPeer(HoldSet holds, boolean peerStable, Standby standby) {
        var groups = new java.util.LinkedHashMap<String, GroupStatus>();
        groups.put(G1, GroupStatus.RUNNING);
        groups.put(G1B, GroupStatus.RUNNING);
        groups.put(G2, holds.covers(HoldSet.FOREIGN) ? GroupStatus.RUNNING : GroupStatus.STOPPED);
        return new PolicyState(Phase.RUNNING, holds, Set.copyOf(x1.config().keysOf(holds)), Set.of(), groups,
                new PeerView(Liveness.ALIVE, HoldSet.LOCAL, peerStable, false, Set.of()), standby, HoldSet.NONE,
                false, Optional.empty(), List.of(), Set.of(), Map.of(), Map.of(), Optional.empty(), 10, INCARNATION);
    }

    /** §9.2 refusals and timeouts, exact texts. */
    @Test
    void standbyRefusalTexts() {
        PolicyState peerInFlux = stableWithPeer(HoldSet.LOCAL, false, new Standby.Idle());
        assertEquals(List.of("x1 wants to go standby [all]",
                        "standby message [me] from x1 ignored.  Other side is in flux."),
                logs(x1.decide(peerInFlux, new PolicyEvent.StandbyRequested(StandbyArgument.ALL), 0)));
        assertEquals(List.of("x2 wants to go standby [all]",
                        "standby message [me] from x2 ignored.  Other side is in flux."),
                logs(x1.decide(peerInFlux, new PolicyEvent.FromPeer(new AskResources(HoldSet.ALL, StandbyStep.ME)), 0)));

        PolicyState localInFlux = stableWithPeer(HoldSet.LOCAL, true, new Standby.Idle())
                .withGroup(G1, GroupStatus.STARTING);
        assertEquals(List.of("x2 wants to go standby [local]",
                        "standby message [me] from x2 ignored.  local resources in flux."),
                logs(x1.decide(localInFlux, new PolicyEvent.FromPeer(new AskResources(HoldSet.LOCAL, StandbyStep.ME)), 0)));

        TimerToken reply = new TimerToken(TimerToken.Kind.STANDBY_REPLY, 3);
        PolicyState asking = stableWithPeer(HoldSet.ALL, true, new Standby.Asking(HoldSet.ALL, reply, 10_000));
        assertEquals(List.of("x2 wants to go standby [all]",
                        "Standby in progress- new request from x2 ignored [7 seconds left]"),
                logs(x1.decide(asking, new PolicyEvent.FromPeer(new AskResources(HoldSet.ALL, StandbyStep.ME)), 3_000)));
        assertEquals(List.of("Ignored standby message 'done' from x2 in state 1"),
                logs(x1.decide(asking, new PolicyEvent.FromPeer(new AskResources(HoldSet.ALL, StandbyStep.DONE)), 0)));
        Decision timedOut = x1.decide(asking, new PolicyEvent.TimerFired(reply), 10_000);
        assertEquals(List.of("No reply to standby request.  Standby request cancelled."), logs(timedOut));
        assertEquals(new Standby.Idle(), timedOut.state().standby());

        Policy legacy = new Policy(TwoNodeCluster.config(X1, AutoFailback.LEGACY));
        PolicyState legacyState = legacy.initialState(1);
        assertEquals(List.of("Standby mode only implemented when nice_failback on"),
                logs(legacy.decide(legacyState, new PolicyEvent.StandbyRequested(StandbyArgument.ALL), 0)));
    }

    @Test
    void standbyIsIgnoredDuringShutdown() {
        PolicyState stopping = stableWithPeer(HoldSet.LOCAL, true, new Standby.Idle());
        stopping = x1.decide(stopping, new PolicyEvent.ShutdownRequested(), 0).state();
        assertEquals(Phase.SHUTTING_DOWN, stopping.phase());
        assertEquals(List.of(), x1.decide(stopping, new PolicyEvent.StandbyRequested(StandbyArgument.ALL), 0).actions());
        assertEquals(List.of(), x1.decide(stopping,
                new PolicyEvent.FromPeer(new AskResources(HoldSet.ALL, StandbyStep.ME)), 0).actions());
    }

    /** §3: rscstatus is the hold set while both sides are stable, else transition; legacy says none. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ON     | local   | true  | false | local
            ON     | all     | true  | false | all
            OFF    | foreign | true  | false | foreign
            ON     | none    | true  | false | none
            ON     | local   | false | false | transition
            ON     | local   | true  | true  | transition
            LEGACY | none    | true  | false | none
            LEGACY | none    | true  | true  | transition
            """)
    void rscStatus(AutoFailback mode, String holds, boolean peerStable, boolean groupStarting, String expected) {
        Policy policy = new Policy(TwoNodeCluster.config(X1, mode));
        HoldSet set = HoldSet.valueOf(holds.toUpperCase());
        PolicyState state = stableWithPeer(set, peerStable, new Standby.Idle());
        if (groupStarting) {
            state = state.withGroup(G1, GroupStatus.STARTING);
        }
        assertEquals(expected, policy.rscStatus(state).word());
    }

    @Test
    void holdSetAlgebra() {
        assertEquals(HoldSet.ALL, HoldSet.LOCAL.plus(HoldSet.FOREIGN));
        assertEquals(HoldSet.LOCAL, HoldSet.ALL.minus(HoldSet.FOREIGN));
        assertEquals(HoldSet.NONE, HoldSet.LOCAL.intersect(HoldSet.FOREIGN));
        assertEquals(HoldSet.FOREIGN, HoldSet.LOCAL.asSeenByPeer());
        assertEquals(HoldSet.ALL, HoldSet.ALL.asSeenByPeer());
        assertTrue(HoldSet.ALL.covers(HoldSet.LOCAL));
        assertTrue(!HoldSet.LOCAL.covers(HoldSet.ALL));
        assertEquals("foreign", HoldSet.FOREIGN.word());
        assertEquals(Optional.of(StandbyArgument.FAILBACK), StandbyArgument.parse("failback"));
        assertEquals(Optional.empty(), StandbyArgument.parse("xyz"));
    }
}
