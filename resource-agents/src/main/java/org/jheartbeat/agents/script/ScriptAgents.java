package org.jheartbeat.agents.script;

import java.nio.file.Path;
import org.jheartbeat.core.config.ResolvedResource;
import org.jheartbeat.core.config.ResourceKind;

/**
 * Makes the agent for a haresources resource that names a script. Scripts are not found by
 * ServiceLoader like the built-in agents: there is one agent per script path, made when the
 * configuration is loaded.
 */
public final class ScriptAgents {

    private ScriptAgents() {
    }

    /** Whether {@link #forResource} accepts this resource. */
    public static boolean isScript(ResolvedResource resource) {
        return resource.script().isPresent()
                && (resource.kind() == ResourceKind.HEARTBEAT_SCRIPT || resource.kind() == ResourceKind.LSB_SCRIPT);
    }

    /**
     * @throws IllegalArgumentException when the resource is a built-in agent or was not found
     */
    public static ScriptAgent forResource(ResolvedResource resource, ScriptEnvironment environment,
                                          ScriptTimeouts timeouts) {
        if (!isScript(resource)) {
            throw new IllegalArgumentException("resource " + resource.spec().token() + " is not run by a script ("
                    + resource.kind().description() + ")");
        }
        Path script = resource.script().orElseThrow();
        return resource.kind() == ResourceKind.LSB_SCRIPT
                ? new LsbScriptAgent(script, environment, timeouts)
                : new HeartbeatScriptAgent(script, environment, timeouts);
    }
}
