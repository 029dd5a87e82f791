package org.jheartbeat.core.policy;

import java.util.Objects;

/** A haresources group as the policy sees it: its key (first resource) and its home node. */
public record GroupRef(String key, String homeNode) {

    public GroupRef {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(homeNode, "homeNode");
    }
}
