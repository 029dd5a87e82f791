package org.jheartbeat.agents.script;

import java.nio.file.Path;
import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.OcfResult;

/**
 * An LSB init script in {@code /etc/init.d/}. Start and stop exit codes are LSB's, which number
 * like OCF's (1 generic, 2 arguments, 3 unimplemented, 4 privilege, 5 not installed, 6 not
 * configured, 7 not running); a stop that answers 7 found nothing running, which OCF counts as
 * a successful stop. {@code status} is read from its text like any Heartbeat script, not from
 * LSB's status codes (0 running, 3 stopped): init scripts without a status action often exit 0
 * printing nothing, and trusting that 0 would mean never starting them.
 */
public final class LsbScriptAgent extends ScriptAgent {

    public LsbScriptAgent(Path script, ScriptEnvironment environment, ScriptTimeouts timeouts) {
        super(script, environment, timeouts);
    }

    @Override
    ActionResult interpretExit(String action, int exitCode) {
        if (exitCode == 0 || (action.equals("stop") && exitCode == OcfResult.NOT_RUNNING.code())) {
            return ActionResult.success();
        }
        OcfResult result = OcfResult.ofCode(exitCode)
                .filter(r -> r != OcfResult.NOT_RUNNING)
                .orElse(OcfResult.ERR_GENERIC);
        return ActionResult.of(result, returnCodeText(exitCode));
    }

    @Override
    String kind() {
        return "LSB init script";
    }
}
