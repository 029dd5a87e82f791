package org.jheartbeat.core.manager;

import java.util.List;
import java.util.Objects;

import org.jheartbeat.core.agent.ResourceAgent;

/** One haresources line, ready to run: its key (the first resource), home node and resources in order. */
public record ManagedGroup(String key, String homeNode, List<ManagedResource> resources) {

    public ManagedGroup {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(homeNode, "homeNode");
        resources = List.copyOf(resources);
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("resource group " + key + " has no resources");
        }
    }

    /** True when every resource's stop only asks the kernel ({@link ResourceAgent#stopsWithinKernel}). */
    public boolean stopsWithinKernel() {
        for (ManagedResource r : resources) {
            if (!r.agent().stopsWithinKernel()) {
                return false;
            }
        }
        return true;
    }

    /** The haresources line as Heartbeat logs it: {@code HOME RSC1 RSC2 ...}. */
    public String describe() {
        StringBuilder line = new StringBuilder(homeNode);
        for (ManagedResource r : resources) { // no lambda: first built during a daemon's first takeover
            line.append(' ').append(r.token());
        }
        return line.toString();
    }
}
