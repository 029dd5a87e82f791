package org.jheartbeat.core.policy;

import static org.jheartbeat.core.policy.TwoNodeCluster.G1;
import static org.jheartbeat.core.policy.TwoNodeCluster.G1B;
import static org.jheartbeat.core.policy.TwoNodeCluster.G2;
import static org.jheartbeat.core.policy.TwoNodeCluster.X1;
import static org.jheartbeat.core.policy.TwoNodeCluster.X2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jheartbeat.core.config.AutoFailback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The spec's scenarios played by two policies against each other. Every step of every scenario
 * also checks "while both nodes see each other, no group runs on both" (TwoNodeCluster).
 */
class PolicyScenarioTest {

    static final Map<String, List<String>> HOME = Map.of(G1, List.of(X1), G1B, List.of(X1), G2, List.of(X2));
    static final Map<String, List<String>> ALL_ON_X1 = Map.of(G1, List.of(X1), G1B, List.of(X1), G2, List.of(X1));
    static final Map<String, List<String>> ALL_ON_X2 = Map.of(G1, List.of(X2), G1B, List.of(X2), G2, List.of(X2));

    static TwoNodeCluster bothStartedTogether(AutoFailback mode) {
        TwoNodeCluster c = new TwoNodeCluster(mode);
        c.bootBoth();
        c.runUntilQuiet();
        return c;
    }

    static void assertPlacement(Map<String, List<String>> expected, TwoNodeCluster c) {
        assertEquals(expected, c.placement(), c::trace);
    }

    static void assertSettled(TwoNodeCluster c) {
        for (TwoNodeCluster.Node n : List.of(c.x1, c.x2)) {
            if (n.up) {
                assertTrue(n.state.locallyStable(), () -> n.name + " not stable\n" + c.trace());
                assertFalse(n.rscStatus() == RscStatus.TRANSITION && n.policy.config().niceFailback(),
                        () -> n.name + " in transition\n" + c.trace());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(AutoFailback.class)
    void bothStartingTogetherEachTakesItsOwnGroupsAfterTheDelay(AutoFailback mode) {
        TwoNodeCluster c = bothStartedTogether(mode);
        assertPlacement(HOME, c);
        assertSettled(c);
        if (mode != AutoFailback.LEGACY) {
            assertTrue(c.x1.logged("Initial resource acquisition complete (HB_R_BOTHSTARTING)"));
            assertTrue(c.x2.logged("Initial resource acquisition complete (HB_R_BOTHSTARTING)"));
            assertEquals(RscStatus.LOCAL, c.x1.rscStatus());
            assertEquals(RscStatus.LOCAL, c.x2.rscStatus());
        } else {
            assertEquals(RscStatus.NONE, c.x1.rscStatus());
        }
    }

    @ParameterizedTest
    @EnumSource(AutoFailback.class)
    void aNodeStartingAloneTakesEveryGroup(AutoFailback mode) {
        TwoNodeCluster c = new TwoNodeCluster(mode);
        c.boot(c.x1);
        c.runUntilQuiet();
        assertPlacement(Map.of(G1, List.of(X1), G1B, List.of(X1), G2, List.of(X1)), c);
        assertTrue(c.x1.logged("Resources being acquired from x2."));
        assertTrue(c.x1.logged("Taking over resource group " + G2));
        assertFalse(c.x1.logged("Taking over resource group " + G1), "own groups are not 'taken over'");
        assertTrue(c.x1.logged("mach_down takeover complete."));
        assertTrue(c.x1.logged("No STONITH device configured."), "x2 was never heard: it may hold resources");
    }

    @Test
    void autoFailbackOnHandsGroupsBackWhenTheHomeNodeJoins() {
        TwoNodeCluster c = new TwoNodeCluster(AutoFailback.ON);
        c.boot(c.x1);
        c.runUntilQuiet();
        c.boot(c.x2);
        c.runUntilQuiet();
        assertPlacement(HOME, c);
        assertSettled(c);
        assertTrue(c.x2.logged("Local Resource acquisition completed. (none)"));
        assertTrue(c.x2.logged("Initial resource acquisition complete (T_RESOURCES(them))"));
        assertTrue(c.x1.logged("x1 wants to go standby [foreign]"));
        assertTrue(c.x2.logged("x1 wants to go standby [foreign]"));
        assertTrue(c.x1.logged("standby: x2 can take our foreign resources"));
        assertTrue(c.x2.logged("standby: acquire [foreign] resources from x1"));
        assertTrue(c.x2.logged("acquire local HA resources (standby)."));
        assertTrue(c.x2.logged("Standby resource acquisition done [foreign]."));
        assertTrue(c.x1.logged("Local standby process completed [foreign]."));
        assertTrue(c.x1.logged("Other node completed standby takeover of foreign resources."));
    }

    @Test
    void autoFailbackOffKeepsGroupsWhereTheyAre() {
        TwoNodeCluster c = new TwoNodeCluster(AutoFailback.OFF);
        c.boot(c.x2);
        c.runUntilQuiet();
        c.boot(c.x1);
        c.runUntilQuiet();
        assertPlacement(ALL_ON_X2, c);
        assertSettled(c);
        assertTrue(c.x1.logged("Local Resource acquisition completed. (none)"));
        assertEquals(RscStatus.NONE, c.x1.rscStatus());
        assertEquals(RscStatus.ALL, c.x2.rscStatus());
    }

    @Test
    void legacyModeReturnsGroupsToTheirHomeNodeByIpRequest() {
        TwoNodeCluster c = new TwoNodeCluster(AutoFailback.LEGACY);
        c.boot(c.x2);
        c.runUntilQuiet();
        assertPlacement(ALL_ON_X2, c);
        c.boot(c.x1);
        c.runUntilQuiet();
        assertPlacement(HOME, c);
        assertTrue(c.x1.sent.stream().anyMatch(m -> m instanceof PeerMessage.IpRequest r && r.key().equals(G1)));
        assertTrue(c.x2.sent.stream().anyMatch(m -> m instanceof PeerMessage.IpRequestResponse r
                && r.key().equals(G1) && r.weOwned()));
        assertTrue(c.x1.sent.stream().noneMatch(m -> m instanceof PeerMessage.Starting
                || m instanceof PeerMessage.ResourceAnnouncement), "legacy has no nice-failback messages");
        assertEquals(RscStatus.NONE, c.x2.rscStatus(), "legacy does not maintain the hold set");
    }

    @ParameterizedTest
    @EnumSource(AutoFailback.class)
    void peerDeathTakesOverItsGroups(AutoFailback mode) {
        TwoNodeCluster c = bothStartedTogether(mode);
        c.crash(c.x2);
        c.runUntilQuiet();
        assertPlacement(ALL_ON_X1, c);
        assertTrue(c.x1.logged("Resources being acquired from x2."));
        assertTrue(c.x1.logged("Taking over resource group " + G2));
        assertTrue(c.x1.logged("No STONITH device configured."));
        assertTrue(c.x1.logged("mach_down takeover complete."));
    }

    @Test
    void aPingNodesDeathChangesNothing() {
        TwoNodeCluster c = bothStartedTogether(AutoFailback.ON);
        Decision d = c.x1.policy.decide(c.x1.state, new PolicyEvent.NodeDead(TwoNodeCluster.PING), c.now);
        assertEquals(List.of(), d.actions());
        assertEquals(c.x1.state, d.state());
    }

    @Test
    void restartedHomeNodeGetsItsGroupsBackWithAutoFailbackOn() {
        TwoNodeCluster c = bothStartedTogether(AutoFailback.ON);
        c.crash(c.x1);
        c.runUntilQuiet();
        assertPlacement(ALL_ON_X2, c);
        c.boot(c.x1);
        c.runUntilQuiet();
        assertPlacement(HOME, c);
        assertTrue(c.x2.logged("x2 wants to go standby [foreign]"));
        assertTrue(c.x1.logged("acquire local HA resources (standby)."));
    }

    @Test
    void restartedNodeTakesNothingWithAutoFailbackOff() {
        TwoNodeCluster c = bothStartedTogether(AutoFailback.OFF);
        c.crash(c.x1);
        c.runUntilQuiet();
        c.boot(c.x1);
        c.runUntilQuiet();
        assertPlacement(ALL_ON_X2, c);
        assertTrue(c.x1.logged("Initial resource acquisition complete (T_RESOURCES(them))"));
    }

    @ParameterizedTest
    @EnumSource(value = AutoFailback.class, names = {"ON", "OFF"})
    void gracefulStopHandsEverythingToThePeerWithoutWaitingForDeadtime(AutoFailback mode) {
        TwoNodeCluster c = bothStartedTogether(mode);
        c.command(c.x1, new PolicyEvent.ShutdownRequested());
        c.runWithoutTimers();
        assertFalse(c.x1.up);
        assertPlacement(ALL_ON_X2, c);
        assertTrue(c.x1.logged("Giving up all HA resources."));
        assertTrue(c.x1.logged("All HA resources relinquished."));
        assertTrue(c.x1.sent.contains(new PeerMessage.Shutdone()));
        assertTrue(c.x2.logged("Received shutdown notice from 'x1'."));
        assertTrue(c.x2.logged("acquire all HA resources (standby)."));
        assertTrue(c.x2.logged("Dead node x1 gave up resources."), "the later membership verdict");
        assertFalse(c.x2.logged("No STONITH device configured."));
    }

    @Test
    void gracefulStopInLegacyModeAlsoHandsOver() {
        TwoNodeCluster c = bothStartedTogether(AutoFailback.LEGACY);
        c.command(c.x2, new PolicyEvent.ShutdownRequested());
        c.runWithoutTimers();
        assertPlacement(ALL_ON_X1, c);
    }

    @Test
    void shutdownWaitsForResourceWorkInProgress() {
        TwoNodeCluster c = new TwoNodeCluster(AutoFailback.OFF);
        c.boot(c.x1);
        c.stepInOrder();
        c.stepInOrder();
        assertFalse(c.x1.ops.isEmpty(), "x1 is starting its groups");
        c.command(c.x1, new PolicyEvent.ShutdownRequested());
        assertTrue(c.x1.logged("Shutdown delayed until current resource activity finishes."));
        assertFalse(c.x1.logged("Giving up all HA resources."));
        c.runUntilQuiet();
        assertFalse(c.x1.up);
        assertTrue(c.x1.logged("All HA resources relinquished."));
    }

    @ParameterizedTest
    @EnumSource(value = AutoFailback.class, names = {"ON", "OFF"})
    void startFailureHandsTheGroupToThePeer(AutoFailback mode) {
        TwoNodeCluster c = bothStartedTogether(mode);
        c.startFails = (node, key) -> node.equals(X1) && key.equals(G2);
        c.command(c.x2, new PolicyEvent.StandbyRequested(StandbyArgument.ALL));
        c.runUntilQuiet();
        assertPlacement(Map.of(G1, List.of(X1), G1B, List.of(X1), G2, List.of(X2)), c);
        assertTrue(c.x1.logged("Resource group " + G2 + " failed to start; stopping it."));
        assertTrue(c.x1.logged("x1 wants to go standby [foreign]"));
        assertEquals(java.util.Set.of(G2), c.x1.state.failed());
        assertSettled(c);
    }

    @Test
    void groupThatFailsOnBothNodesIsMarkedFailedAndStaysDown() {
        TwoNodeCluster c = bothStartedTogether(AutoFailback.OFF);
        c.startFails = (node, key) -> key.equals(G2);
        c.command(c.x2, new PolicyEvent.StandbyRequested(StandbyArgument.ALL));
        c.runUntilQuiet();
        c.command(c.x1, new PolicyEvent.StandbyRequested(StandbyArgument.FOREIGN));
        c.runUntilQuiet();
        assertEquals(List.of(), c.placement().get(G2));
        assertTrue(c.x2.logged("Resource group " + G2 + " failed to start and no other node can run it."),
                c.x2.logTexts()::toString);
        assertSettled(c);
    }

    @Test
    void startFailureWithoutAPeerMarksTheGroupFailed() {
        TwoNodeCluster c = new TwoNodeCluster(AutoFailback.ON);
        c.startFails = (node, key) -> key.equals(G1);
        c.boot(c.x1);
        c.runUntilQuiet();
        assertEquals(List.of(), c.placement().get(G1));
        assertEquals(List.of(X1), c.placement().get(G1B));
        assertTrue(c.x1.logged("Resource group " + G1 + " failed to start and no other node can run it."));
        assertEquals(RscStatus.ALL, c.x1.rscStatus());
    }

    @Test
    void groupThatFailedWhileAloneGoesToThePeerWhenItReturns() {
        TwoNodeCluster c = new TwoNodeCluster(AutoFailback.OFF);
        c.startFails = (node, key) -> node.equals(X1) && key.equals(G1);
        c.boot(c.x1);
        c.runUntilQuiet();
        assertEquals(List.of(), c.placement().get(G1));
        c.boot(c.x2);
        c.runUntilQuiet();
        assertEquals(List.of(X2), c.placement().get(G1), c::trace);
        assertTrue(c.x1.logged("x1 wants to go standby [local]"));
        assertSettled(c);
    }

    @Test
    void theTakerProbesWhatItWillTakeWhileThePeerStillStopsIt() {
        TwoNodeCluster c = bothStartedTogether(AutoFailback.ON);
        c.command(c.x1, new PolicyEvent.StandbyRequested(StandbyArgument.ALL));
        c.runUntilQuiet();
        assertPlacement(ALL_ON_X2, c);
        assertEquals(List.of(G1, G1B), c.x2.probedAhead, "x1's groups, not x2's own, which it runs");
        assertEquals(List.of(), c.x1.probedAhead);
    }

    @Test
    void standbyAllFromANodeHoldingOnlyItsOwnGroupsLeavesThePeersGroupsAlone() {
        TwoNodeCluster c = bothStartedTogether(AutoFailback.ON);
        c.command(c.x1, new PolicyEvent.StandbyRequested(StandbyArgument.ALL));
        c.runUntilQuiet();
        assertPlacement(ALL_ON_X2, c);
        assertTrue(c.x1.work.contains("stop " + G2), "the give-group stops every group of the set: " + c.x1.work);
        // x1 never ran x2's group, so stopping it there does not make x1 its owner
        assertFalse(c.x2.logged("Both machines own our resources!"), () -> String.join("\n", c.x2.logTexts()));
        assertEquals(List.of(), c.x2.reannounced);
        assertEquals(1, c.x2.work.stream().filter(("start " + G2)::equals).count(), "x2's own group never restarted");
    }

    @ParameterizedTest
    @EnumSource(AutoFailback.class)
    void aQuickRestartKeepsEveryGroupWhereItRuns(AutoFailback mode) {
        TwoNodeCluster c = bothStartedTogether(mode);
        c.x1.work.clear();
        c.x2.work.clear();
        c.quickRestart(c.x1);
        c.runUntilQuiet();
        assertPlacement(HOME, c);
        assertEquals(List.of(), c.x1.work, "x1 neither starts nor stops anything");
        assertEquals(List.of(), c.x2.work);
        assertSettled(c);
    }

    @ParameterizedTest
    @EnumSource(value = AutoFailback.class, names = {"ON", "OFF"})
    void aQuickRestartAfterTheStandbyOfThePeerKeepsItsGroupsToo(AutoFailback mode) {
        TwoNodeCluster c = bothStartedTogether(mode);
        c.command(c.x2, new PolicyEvent.StandbyRequested(StandbyArgument.ALL));
        c.runUntilQuiet();
        assertPlacement(ALL_ON_X1, c);
        c.x1.work.clear();
        c.x2.work.clear();
        c.quickRestart(c.x1);
        c.runUntilQuiet();
        assertPlacement(ALL_ON_X1, c);
        assertEquals(List.of(), c.x1.work);
        assertEquals(List.of(), c.x2.work);
        assertSettled(c);
    }

    @Test
    void stopFailureKeepsTheGroupAwayFromThePeer() {
        TwoNodeCluster c = bothStartedTogether(AutoFailback.ON);
        c.stopFails = (node, key) -> node.equals(X1) && key.equals(G1);
        c.command(c.x1, new PolicyEvent.StandbyRequested(StandbyArgument.ALL));
        c.runUntilQuiet();
        assertEquals(List.of(X1), c.placement().get(G1), "x2 never starts what x1 may still run");
        assertEquals(List.of(G1), c.x1.escalations);
        assertTrue(c.x2.logged("No standby done message from x1.  Standby request cancelled."));
    }

    @ParameterizedTest
    @EnumSource(AutoFailback.class)
    void healedPartitionLeavesEachGroupOnItsHomeNodeWhichReannounces(AutoFailback mode) {
        TwoNodeCluster c = bothStartedTogether(mode);
        c.cut();
        c.runUntilQuiet();
        assertEquals(Map.of(G1, List.of(X1, X2), G1B, List.of(X1, X2), G2, List.of(X1, X2)), c.placement());
        c.heal();
        c.runUntilQuiet();
        assertPlacement(HOME, c);
        assertSettled(c);
        assertTrue(c.x1.reannounced.containsAll(List.of(G1, G1B)), c.x1.reannounced::toString);
        assertTrue(c.x2.reannounced.contains(G2), c.x2.reannounced::toString);
        assertFalse(c.x1.reannounced.contains(G2));
        assertFalse(c.x2.reannounced.contains(G1));
    }

    @Test
    void healedPartitionAfterAStandbyKeepsGroupsWhereTheirHomeIs() {
        TwoNodeCluster c = bothStartedTogether(AutoFailback.OFF);
        c.command(c.x1, new PolicyEvent.StandbyRequested(StandbyArgument.ALL));
        c.runUntilQuiet();
        assertPlacement(ALL_ON_X2, c);
        c.cut();
        c.runUntilQuiet();
        c.heal();
        c.runUntilQuiet();
        assertPlacement(HOME, c);
        assertSettled(c);
    }

    @Test
    void standbyWithoutALivePeerTimesOut() {
        TwoNodeCluster c = new TwoNodeCluster(AutoFailback.ON);
        c.boot(c.x1);
        c.runUntilQuiet();
        c.command(c.x1, new PolicyEvent.StandbyRequested(StandbyArgument.ALL));
        c.runUntilQuiet();
        assertTrue(c.x1.logged("No reply to standby request.  Standby request cancelled."));
        assertPlacement(ALL_ON_X1, c);
        assertSettled(c);
    }

    @Test
    void legacyStandbyIsRefused() {
        TwoNodeCluster c = bothStartedTogether(AutoFailback.LEGACY);
        int sent = c.x1.sent.size();
        c.command(c.x1, new PolicyEvent.StandbyRequested(StandbyArgument.ALL));
        c.runUntilQuiet();
        assertTrue(c.x1.logged("Standby mode only implemented when nice_failback on"));
        assertEquals(sent, c.x1.sent.size());
        assertPlacement(HOME, c);
    }

    @Test
    void peerRestartingDuringAHandOffLeavesNoGroupOrphaned() {
        TwoNodeCluster c = bothStartedTogether(AutoFailback.OFF);
        c.command(c.x1, new PolicyEvent.StandbyRequested(StandbyArgument.LOCAL));
        // x1 asks, x2 accepts, x1 starts stopping its groups: then x2 restarts.
        c.stepInOrder();
        c.stepInOrder();
        assertTrue(c.x1.state.standby() instanceof Standby.Releasing, c::trace);
        c.crash(c.x2);
        c.boot(c.x2);
        c.runUntilQuiet();
        assertEquals(List.of(1, 1, 1), c.placement().values().stream().map(List::size).toList(), c::trace);
        assertSettled(c);
    }
}
