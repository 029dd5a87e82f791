package org.jheartbeat.core.config;

import java.util.List;
import java.util.Optional;

/**
 * The resource groups of a haresources file, in file order. Group keys are unique.
 */
public record HaResources(List<ResourceGroup> groups) {

    public HaResources {
        groups = List.copyOf(groups);
    }

    /**
     * The group whose key (first resource) is exactly {@code keyToken} as written in the file.
     *
     * <p>Heartbeat's ResourceManager instead searches the key as a regular expression between
     * blanks anywhere in each line, so a key with {@code .} also matches other characters and a
     * key that appears later in another line selects that line too. jheartbeat compares the key
     * exactly against each group's first resource.
     */
    public Optional<ResourceGroup> group(String keyToken) {
        return groups.stream().filter(g -> g.key().token().equals(keyToken)).findFirst();
    }

    /** The groups whose home node is {@code node} (compared case-insensitively). */
    public List<ResourceGroup> groupsOf(String node) {
        return groups.stream().filter(g -> g.homeNode().equalsIgnoreCase(node)).toList();
    }
}
