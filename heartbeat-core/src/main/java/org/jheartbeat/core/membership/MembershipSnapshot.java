package org.jheartbeat.core.membership;

import java.util.List;
import java.util.Optional;

/** An immutable copy of the node and link table at one moment. */
public record MembershipSnapshot(String localNode, NodeStatus localStatus, boolean commsUp, List<NodeView> nodes) {

    public MembershipSnapshot {
        nodes = List.copyOf(nodes);
    }

    /**
     * One node: its type, its status and since when (wall clock, ms), the incarnation last heard
     * (0 if never) and its links.
     */
    public record NodeView(String name, NodeType type, NodeStatus status, long statusSinceEpochMillis,
                           long incarnation, List<LinkView> links) {
        public NodeView {
            links = List.copyOf(links);
        }

        public Optional<LinkStatus> link(String linkName) {
            return links.stream().filter(l -> l.name().equals(linkName)).map(LinkView::status).findFirst();
        }
    }

    public record LinkView(String name, LinkStatus status) {
    }

    /** How many ping nodes answer now (status {@code ping}): what ipfail compares between the nodes. */
    public int visiblePingNodes() {
        return (int) nodes.stream().filter(n -> n.type() == NodeType.PING && n.status() == NodeStatus.PING).count();
    }

    public Optional<NodeView> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }
}
