package org.jheartbeat.core.manager;

import java.util.Optional;

import org.jheartbeat.core.membership.MembershipEvent;
import org.jheartbeat.core.membership.NodeStatus;
import org.jheartbeat.core.membership.NodeType;
import org.jheartbeat.core.policy.IpfailEvent;
import org.jheartbeat.core.policy.PolicyEvent;

/**
 * Which membership events matter to the resource policy and to ipfail. Links and ping nodes
 * matter only to ipfail; a restarted peer announces itself to the policy with its
 * {@code starting} message.
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
            case MembershipEvent.NodeLate ignored -> Optional.empty();
            case MembershipEvent.DeadVerdict ignored -> Optional.empty();
        };
    }

    /**
     * What ipfail hears: other nodes' status and link changes (Heartbeat's client API reports
     * them by name and status word), the start of the daemon's clients, and the partner's restart.
     */
    static Optional<IpfailEvent> toIpfailEvent(MembershipEvent event, String localNode, Optional<String> partner) {
        return switch (event) {
            case MembershipEvent.CommsUp ignored -> Optional.of(new IpfailEvent.Start());
            case MembershipEvent.NodeStatusChanged changed -> changed.node().equals(localNode) ? Optional.empty()
                    : Optional.of(new IpfailEvent.NodeStatusChanged(changed.node(), changed.status().word()));
            case MembershipEvent.LinkStatusChanged changed -> changed.node().equals(localNode) ? Optional.empty()
                    : Optional.of(new IpfailEvent.LinkStatusChanged(changed.node(), changed.link(),
                            changed.status().word()));
            case MembershipEvent.NodeRestarted restarted -> partner.filter(restarted.node()::equals).isPresent()
                    ? Optional.of(new IpfailEvent.PartnerRestarted()) : Optional.empty();
            case MembershipEvent.NodeReturnedAfterPartition ignored -> Optional.empty();
            case MembershipEvent.NodeLate ignored -> Optional.empty();
            case MembershipEvent.DeadVerdict ignored -> Optional.empty();
        };
    }
}
