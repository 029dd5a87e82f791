package org.jheartbeat.core.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** The start-up rehearsal of the hand-offs: it settles in every mode and leaves nothing behind. */
class PolicyRehearsalTest {

    private static final List<GroupRef> GROUPS = List.of(
            new GroupRef("IPaddr2::10.88.0.100/24/eth0", "x1"),
            new GroupRef("ldirectord::ldirectord.cf", "x1"),
            new GroupRef("10.88.0.200", "x2"));

    @ParameterizedTest
    @EnumSource(AutoFailback.class)
    void everyRoundSettlesWithGroupsOnBothNodes(AutoFailback mode) {
        Policy policy = new Policy(new PolicyConfig("x1", Optional.of("x2"), mode, GROUPS, PolicyTimings.HEARTBEAT));
        assertEquals(20, PolicyRehearsal.rehearse(policy, 20, Long.MAX_VALUE));
    }

    @Test
    void aNodeWithoutGroupsRehearsesToo() {
        Policy policy = new Policy(new PolicyConfig("x2", Optional.of("x1"), AutoFailback.ON, List.of(),
                PolicyTimings.HEARTBEAT));
        assertEquals(5, PolicyRehearsal.rehearse(policy, 5, Long.MAX_VALUE));
    }

    @Test
    void aSingleNodeHasNoHandOffToRehearse() {
        Policy policy = new Policy(new PolicyConfig("x1", Optional.empty(), AutoFailback.ON,
                List.of(new GroupRef("10.88.0.100", "x1")), PolicyTimings.HEARTBEAT));
        assertEquals(0, PolicyRehearsal.rehearse(policy, 5, Long.MAX_VALUE));
    }

    @Test
    void theBudgetEndsTheRehearsal() {
        Policy policy = new Policy(new PolicyConfig("x1", Optional.of("x2"), AutoFailback.ON, GROUPS,
                PolicyTimings.HEARTBEAT));
        assertEquals(0, PolicyRehearsal.rehearse(policy, 5, 0));
    }
}
