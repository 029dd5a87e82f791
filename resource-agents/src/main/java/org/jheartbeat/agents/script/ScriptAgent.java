package org.jheartbeat.agents.script;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.OcfResult;
import org.jheartbeat.core.agent.ResourceAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resource script Heartbeat-style: {@code SCRIPT ARG1 ... ARGn start|stop|status}. The
 * haresources arguments travel as parameters named {@code 1}..{@code n}. {@code status} is read
 * from stdout as Heartbeat reads it ({@link StatusText}); how start and stop exit codes map to
 * OCF results is up to the kind of script.
 */
public abstract sealed class ScriptAgent implements ResourceAgent permits HeartbeatScriptAgent, LsbScriptAgent {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptAgent.class);

    private final Path script;
    private final ScriptEnvironment environment;
    private final ScriptTimeouts timeouts;

    ScriptAgent(Path script, ScriptEnvironment environment, ScriptTimeouts timeouts) {
        this.script = Objects.requireNonNull(script, "script");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    }

    public Path script() {
        return script;
    }

    @Override
    public String name() {
        return script.getFileName().toString();
    }

    /** Positional arguments as parameters {@code "1"} .. {@code "n"}; scripts accept any. */
    @Override
    public Map<String, String> parameters(List<String> positional) {
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < positional.size(); i++) {
            parameters.put(Integer.toString(i + 1), positional.get(i));
        }
        return Map.copyOf(parameters);
    }

    private static List<String> arguments(Map<String, String> parameters) {
        List<String> arguments = new ArrayList<>();
        for (int i = 1; parameters.containsKey(Integer.toString(i)); i++) {
            arguments.add(parameters.get(Integer.toString(i)));
        }
        return arguments;
    }

    @Override
    public ActionResult validate(AgentContext context, Map<String, String> parameters) {
        if (!Files.isRegularFile(script) || !Files.isExecutable(script)) {
            String reason = "Cannot locate resource script " + name();
            LOG.error(reason);
            return ActionResult.of(OcfResult.ERR_INSTALLED, reason);
        }
        if (arguments(parameters).size() != parameters.size()) {
            return ActionResult.of(OcfResult.ERR_ARGS, "script arguments must be numbered 1.." + parameters.size()
                    + ", got " + parameters.keySet());
        }
        return ActionResult.success();
    }

    @Override
    public ActionResult start(AgentContext context, Map<String, String> parameters) {
        return startOrStop("start", context, parameters);
    }

    @Override
    public ActionResult stop(AgentContext context, Map<String, String> parameters) {
        return startOrStop("stop", context, parameters);
    }

    private ActionResult startOrStop(String action, AgentContext context, Map<String, String> parameters) {
        ActionResult valid = validate(context, parameters);
        if (!valid.isSuccess()) {
            return valid;
        }
        ScriptRun run = run(action, context, parameters);
        if (!run.completed()) {
            LOG.error(run.problem());
            return ActionResult.of(OcfResult.ERR_GENERIC, run.problem());
        }
        ActionResult result = interpretExit(action, run.exitCode());
        if (!result.isSuccess()) {
            LOG.error(result.reason());
        }
        return result;
    }

    /** What an exit status of {@code start} or {@code stop} means for this kind of script. */
    abstract ActionResult interpretExit(String action, int exitCode);

    /** Heartbeat's ResourceManager text for a failed start or stop. */
    final String returnCodeText(int exitCode) {
        return "Return code " + exitCode + " from " + script;
    }

    /** Runs {@code status}: SUCCESS when its stdout says running, NOT_RUNNING otherwise. */
    @Override
    public ActionResult monitor(AgentContext context, Map<String, String> parameters) {
        ActionResult valid = validate(context, parameters);
        if (!valid.isSuccess()) {
            return valid;
        }
        ScriptRun run = run("status", context, parameters);
        if (!run.completed()) {
            LOG.error(run.problem());
            return ActionResult.of(OcfResult.ERR_GENERIC, run.problem());
        }
        return StatusText.saysRunning(run.stdout()) ? ActionResult.success() : ActionResult.notRunning();
    }

    private ScriptRun run(String action, AgentContext context, Map<String, String> parameters) {
        Map<String, String> env = new HashMap<>(environment.variables());
        env.put("HA_DIR", context.haDir().toString());
        env.put("HA_CURHOST", context.nodeName());
        return ScriptRunner.run(script, arguments(parameters), action, env, timeout(action));
    }

    @Override
    public Duration timeout(String action) {
        return timeouts.of(action);
    }

    @Override
    public String metaData() {
        String name = xml(name());
        String path = xml(script.toString());
        return """
                <?xml version="1.0"?>
                <!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
                <resource-agent name="%s">
                  <version>1.0</version>
                  <longdesc lang="en">%s, run as "%s ARG... start|stop|status" the way Heartbeat runs it. \
                Its status is read from what it prints: "running" or "OK" means running, "not ... running" or \
                anything else means stopped.</longdesc>
                  <shortdesc lang="en">%s</shortdesc>
                  <parameters/>
                  <actions>
                    <action name="start" timeout="%ds"/>
                    <action name="stop" timeout="%ds"/>
                    <action name="monitor" timeout="%ds"/>
                    <action name="validate-all" timeout="5s"/>
                    <action name="meta-data" timeout="5s"/>
                  </actions>
                </resource-agent>
                """.formatted(name, xml(kind()), path, xml(kind() + " " + name()),
                timeout("start").toSeconds(), timeout("stop").toSeconds(), timeout("status").toSeconds());
    }

    /** "heartbeat resource script" or "LSB init script", for descriptions. */
    abstract String kind();

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
