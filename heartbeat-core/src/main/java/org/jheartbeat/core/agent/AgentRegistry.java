package org.jheartbeat.core.agent;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The built-in Java agents on the class path, by haresources name. */
public final class AgentRegistry {

    private final Map<String, ResourceAgent> byName;

    private AgentRegistry(Map<String, ResourceAgent> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** Every {@link ResourceAgent} that {@link ServiceLoader} finds. */
    public static AgentRegistry load() {
        Map<String, ResourceAgent> found = new TreeMap<>();
        for (ResourceAgent agent : ServiceLoader.load(ResourceAgent.class)) {
            ResourceAgent previous = found.putIfAbsent(agent.name(), agent);
            if (previous != null && previous.getClass() != agent.getClass()) {
                throw new IllegalStateException("two agents claim the name " + agent.name() + ": "
                        + previous.getClass().getName() + " and " + agent.getClass().getName());
            }
        }
        return new AgentRegistry(found);
    }

    public Optional<ResourceAgent> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
