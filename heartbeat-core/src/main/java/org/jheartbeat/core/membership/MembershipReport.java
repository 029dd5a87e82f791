package org.jheartbeat.core.membership;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The membership table as text, one fact per line, for {@code heartbeat --status} and tests:
 * <pre>
 * local x1 active comms-up
 * node x2 normal active since=1795311850112 incarnation=1795311846026 links=eth0:up,eth1:dead
 * drops malformed=0 unknown-key=0 bad-signature=3 replay=0 not-a-member=0
 * </pre>
 */
public final class MembershipReport {

    private MembershipReport() {
    }

    public static String render(MembershipSnapshot snapshot, Map<DropReason, Long> drops) {
        StringBuilder out = new StringBuilder();
        out.append("local ").append(snapshot.localNode()).append(' ').append(snapshot.localStatus().word())
                .append(snapshot.commsUp() ? " comms-up" : " comms-pending").append('\n');
        for (MembershipSnapshot.NodeView node : snapshot.nodes()) {
            out.append("node ").append(node.name()).append(' ').append(node.type().word()).append(' ')
                    .append(node.status().word()).append(" since=").append(node.statusSinceEpochMillis())
                    .append(" incarnation=").append(node.incarnation())
                    .append(" links=").append(node.links().stream()
                            .map(l -> l.name() + ":" + l.status().word()).collect(Collectors.joining(",")))
                    .append('\n');
        }
        out.append("drops");
        drops.forEach((reason, count) -> out.append(' ').append(reason.label()).append('=').append(count));
        return out.append('\n').toString();
    }
}
