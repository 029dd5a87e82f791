package org.jheartbeat.core.manager;

import java.util.Map;
import java.util.Objects;

import org.jheartbeat.core.agent.ResourceAgent;

/**
 * One haresources resource, ready to run: the token as written, the agent that runs it and the
 * agent's parameters (already made from the token's positional arguments).
 */
public record ManagedResource(String token, ResourceAgent agent, Map<String, String> parameters) {

    public ManagedResource {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(agent, "agent");
        parameters = Map.copyOf(parameters);
    }
}
