package org.jheartbeat.core.manager;

import java.util.Optional;

import org.jheartbeat.core.membership.MembershipEvent;
import org.jheartbeat.core.membership.NodeStatus;
import org.jheartbeat.core.membership.NodeType;
import org.jheartbeat.core.policy.PolicyEvent;

/**
 * Which membership events matter to the resource policy. Links and ping nodes do not (ipfail
 * reads them separately); a restarted peer announces itself with its {@code starting} message.
 */
final class MembershipTranslation {

    private MembershipTranslation() {
    }

    static Optional<PolicyEvent> toPolicyEvent(MembershipEvent event, String localNode) {
        return switch (event) {
            case MembershipEvent.CommsUp ignored -> Optional.of(new PolicyEvent.CommsUp());
            case MembershipEvent.NodeStatusChanged changed -> {
                if (changed.type() != NodeType.NORMAL || changed.node().equals(localNode)) {
                    yield Optional.empty();
                }
                if (changed.status() == NodeStatus.DEAD) {
                    yield Optional.of(new PolicyEvent.NodeDead(changed.node()));
                }
                boolean wasSilent = changed.previous() == NodeStatus.DEAD || changed.previous() == NodeStatus.INIT;
                yield wasSilent ? Optional.of(new PolicyEvent.NodeAlive(changed.node())) : Optional.empty();
            }
            case MembershipEvent.NodeReturnedAfterPartition returned ->
                    Optional.of(new PolicyEvent.NodeAlive(returned.node()));
            case MembershipEvent.NodeRestarted ignored -> Optional.empty();
            case MembershipEvent.LinkStatusChanged ignored -> Optional.empty();
        };
    }
}
