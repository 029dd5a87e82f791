package org.jheartbeat.core.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.jheartbeat.core.config.AutoFailback;
import org.jheartbeat.core.policy.GroupRef;
import org.jheartbeat.core.policy.Policy;
import org.jheartbeat.core.policy.PolicyConfig;
import org.jheartbeat.core.policy.PolicyTimings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The start-up rehearsal of the hand-offs: it settles in every mode and really hands groups over. */
class PolicyRehearsalTest {

    private static final List<GroupRef> GROUPS = List.of(
            new GroupRef("IPaddr2::10.88.0.100/24/eth0", "x1"),
            new GroupRef("ldirectord::ldirectord.cf", "x1"),
            new GroupRef("10.88.0.200", "x2"));

    private static Policy policy(AutoFailback mode) {
        return new Policy(new PolicyConfig("x1", Optional.of("x2"), mode, GROUPS, PolicyTimings.HEARTBEAT));
    }

    @ParameterizedTest
    @EnumSource(AutoFailback.class)
    void everyRoundSettlesAndMovesTheGroupsBetweenTheNodes(AutoFailback mode) {
        PolicyRehearsal.Rehearsed done = PolicyRehearsal.rehearse(policy(mode), 20, Long.MAX_VALUE);
        assertEquals(20, done.rounds());
        // at least: both start with their own groups, and each death hands the dead node's groups over
        int perRound = GROUPS.size() + GROUPS.size();
        assertTrue(done.starts() >= 20 * perRound, done::toString);
        assertTrue(done.stops() > 0 || mode == AutoFailback.LEGACY, done::toString);
    }

    @Test
    void withNiceFailbackBothNodesGoStandbyAndTheGroupsGoBackAndForth() {
        PolicyRehearsal.Rehearsed one = PolicyRehearsal.rehearse(policy(AutoFailback.OFF), 1, Long.MAX_VALUE);
        // four standbys of all groups: each stops what the giver runs and starts it on the taker
        assertTrue(one.stops() >= 4 * GROUPS.size(), one::toString);
        assertTrue(one.starts() >= 4 * GROUPS.size() + GROUPS.size(), one::toString);
    }

    @Test
    void aNodeWithoutGroupsRehearsesToo() {
        Policy policy = new Policy(new PolicyConfig("x2", Optional.of("x1"), AutoFailback.ON, List.of(),
                PolicyTimings.HEARTBEAT));
        assertEquals(5, PolicyRehearsal.rehearse(policy, 5, Long.MAX_VALUE).rounds());
    }

    @Test
    void aSingleNodeHasNoHandOffToRehearse() {
        Policy policy = new Policy(new PolicyConfig("x1", Optional.empty(), AutoFailback.ON,
                List.of(new GroupRef("10.88.0.100", "x1")), PolicyTimings.HEARTBEAT));
        assertEquals(new PolicyRehearsal.Rehearsed(0, 0, 0, 0), PolicyRehearsal.rehearse(policy, 5, Long.MAX_VALUE));
    }

    @Test
    void theBudgetEndsTheRehearsal() {
        assertEquals(0, PolicyRehearsal.rehearse(policy(AutoFailback.ON), 5, 0).rounds());
    }
}
