package org.jheartbeat.cli;

import java.util.ArrayList;
import java.util.List;

import org.jheartbeat.agents.script.ScriptAgents;
import org.jheartbeat.agents.script.ScriptEnvironment;
import org.jheartbeat.agents.script.ScriptTimeouts;
import org.jheartbeat.core.agent.AgentRegistry;
import org.jheartbeat.core.agent.InvalidParametersException;
import org.jheartbeat.core.agent.ResourceAgent;
import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.config.ResolvedGroup;
import org.jheartbeat.core.config.ResolvedResource;
import org.jheartbeat.core.config.ResourceKind;
import org.jheartbeat.core.manager.ManagedGroup;
import org.jheartbeat.core.manager.ManagedResource;

/**
 * Binds every haresources resource to the agent that runs it: a built-in Java agent, a
 * resource.d script or an LSB script, in Heartbeat's search order (the configuration loader
 * already decided which). All or nothing: one bad resource and the daemon does not start.
 */
final class ManagedGroups {

    private ManagedGroups() {
    }

    /** @throws IllegalArgumentException naming haresources' line when a resource cannot be run */
    static List<ManagedGroup> bind(HaConfig config, AgentRegistry registry, ScriptTimeouts timeouts) {
        ScriptEnvironment environment = ScriptEnvironment.of(config);
        String file = config.directory().resolve("haresources").toString();
        List<ManagedGroup> groups = new ArrayList<>();
        for (ResolvedGroup group : config.groups()) {
            List<ManagedResource> resources = new ArrayList<>();
            for (ResolvedResource resource : group.resources()) {
                String token = resource.spec().token();
                ResourceAgent agent = resource.kind() == ResourceKind.BUILT_IN
                        ? registry.find(resource.spec().agentName()).orElseThrow(() -> new IllegalArgumentException(
                                file + ":" + group.line() + ": " + token + ": the built-in agent "
                                        + resource.spec().agentName() + " is not installed"))
                        : ScriptAgents.forResource(resource, environment, timeouts);
                try {
                    resources.add(new ManagedResource(token, agent, agent.parameters(resource.spec().arguments())));
                } catch (InvalidParametersException e) {
                    throw new IllegalArgumentException(file + ":" + group.line() + ": " + token + ": " + e.getMessage(), e);
                }
            }
            groups.add(new ManagedGroup(group.key(), group.homeNode(), resources));
        }
        return groups;
    }
}
