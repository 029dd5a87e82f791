package org.jheartbeat.core.config;

import java.util.List;
import java.util.Objects;

/**
 * One haresources line: the node that prefers the group and its resources, started left to
 * right and stopped right to left.
 *
 * @param homeNode  the first field, lower-cased (node names compare case-insensitively)
 * @param resources never empty
 * @param line      the first physical line of the (possibly continued) line
 */
public record ResourceGroup(String homeNode, List<ResourceSpec> resources, int line) {

    public ResourceGroup {
        Objects.requireNonNull(homeNode, "homeNode");
        resources = List.copyOf(resources);
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("a resource group needs at least one resource");
        }
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
    }

    /**
     * The group key: its first resource, which names the group in every take/give operation
     * and is unique within the file.
     */
    public ResourceSpec key() {
        return resources.getFirst();
    }
}
