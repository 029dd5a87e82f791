package org.jheartbeat.core.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jheartbeat.core.config.AutoFailback;
import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.config.ResolvedGroup;

/**
 * What the policy needs to know from the configuration.
 *
 * <p>Heartbeat's haresources mode hands resources between exactly two nodes ("this node" and
 * "the other node"); every group's home must be one of them. A single-node cluster has no peer.
 *
 * @param groups haresources groups in file order
 */
public record PolicyConfig(String localNode, Optional<String> peer, AutoFailback mode,
                           List<GroupRef> groups, PolicyTimings timings) {

    public PolicyConfig {
        Objects.requireNonNull(localNode, "localNode");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timings, "timings");
        groups = List.copyOf(groups);
        if (peer.isPresent() && peer.get().equals(localNode)) {
            throw new IllegalArgumentException("the peer cannot be the local node " + localNode);
        }
        Set<String> keys = new HashSet<>();
        for (GroupRef group : groups) {
            if (!keys.add(group.key())) {
                throw new IllegalArgumentException("resource group key " + group.key() + " appears twice");
            }
            boolean homeKnown = group.homeNode().equals(localNode) || peer.filter(group.homeNode()::equals).isPresent();
            if (!homeKnown) {
                throw new IllegalArgumentException("resource group " + group.key() + " has home node "
                        + group.homeNode() + ", which is neither " + localNode + " nor its peer");
            }
        }
    }

    /**
     * The policy input of a loaded configuration. More than two nodes are fine for membership
     * alone: with an empty haresources the node manages nothing and has no peer to hand to.
     *
     * @throws IllegalArgumentException when ha.cf names more than two normal nodes and
     *                                  haresources has groups: haresources hand-off is defined
     *                                  between two nodes only
     */
    public static PolicyConfig from(HaConfig config) {
        List<String> peers = config.peers();
        if (peers.size() > 1 && config.groups().isEmpty()) {
            return new PolicyConfig(config.localNode(), java.util.Optional.empty(), config.haCf().autoFailback(),
                    List.of(), PolicyTimings.HEARTBEAT);
        }
        if (peers.size() > 1) {
            throw new IllegalArgumentException("haresources resource management needs exactly two nodes, "
                    + "ha.cf names " + (peers.size() + 1) + ": " + config.haCf().nodes());
        }
        List<GroupRef> groups = config.groups().stream()
                .map((ResolvedGroup g) -> new GroupRef(g.key(), g.homeNode()))
                .toList();
        return new PolicyConfig(config.localNode(), peers.stream().findFirst(), config.haCf().autoFailback(),
                groups, PolicyTimings.HEARTBEAT);
    }

    public boolean isLocal(String key) {
        return group(key).homeNode().equals(localNode);
    }

    public GroupRef group(String key) {
        for (GroupRef group : groups) {
            if (group.key().equals(key)) {
                return group;
            }
        }
        throw new IllegalArgumentException("no resource group " + key);
    }

    /** LOCAL or FOREIGN: the category a group belongs to from this node's point of view. */
    public HoldSet categoryOf(String key) {
        return isLocal(key) ? HoldSet.LOCAL : HoldSet.FOREIGN;
    }

    /** The keys of the groups a set covers, in file order. */
    public List<String> keysOf(HoldSet set) {
        return groups.stream().map(GroupRef::key).filter(k -> set.covers(categoryOf(k))).toList();
    }

    /** Whether this node runs the "nice failback" protocol (auto_failback on or off). */
    public boolean niceFailback() {
        return mode != AutoFailback.LEGACY;
    }

    /** Whether {@code node} is this node's peer. */
    public boolean isPeer(String node) {
        return peer.filter(node::equals).isPresent();
    }
}
