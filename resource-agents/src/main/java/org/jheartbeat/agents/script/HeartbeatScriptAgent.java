package org.jheartbeat.agents.script;

import java.nio.file.Path;
import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.OcfResult;

/**
 * A script in {@code DIR/resource.d/}: exit status 0 is success, anything else a failure
 * ({@code Return code N from PATH}).
 */
public final class HeartbeatScriptAgent extends ScriptAgent {

    public HeartbeatScriptAgent(Path script, ScriptEnvironment environment, ScriptTimeouts timeouts) {
        super(script, environment, timeouts);
    }

    @Override
    ActionResult interpretExit(String action, int exitCode) {
        return exitCode == 0 ? ActionResult.success() : ActionResult.of(OcfResult.ERR_GENERIC, returnCodeText(exitCode));
    }

    @Override
    String kind() {
        return "heartbeat resource script";
    }
}
