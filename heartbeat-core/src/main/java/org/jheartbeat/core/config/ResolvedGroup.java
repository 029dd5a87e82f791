package org.jheartbeat.core.config;

import java.util.List;

/**
 * One haresources line, resolved.
 *
 * @param local whether the group's home node is this node (a "local" group in Heartbeat's
 *              words; all others are "foreign")
 */
public record ResolvedGroup(String homeNode, boolean local, List<ResolvedResource> resources, int line) {

    public ResolvedGroup {
        resources = List.copyOf(resources);
    }

    /** The group key: the first resource as written, which names the group everywhere. */
    public String key() {
        return resources.getFirst().spec().token();
    }
}
