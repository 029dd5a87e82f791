package org.jheartbeat.agents.script;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jheartbeat.core.config.AutoFailback;
import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.config.LoggingSettings;

/**
 * The environment variables Heartbeat gives every resource script, besides {@code HA_DIR} and
 * {@code HA_CURHOST}, which come from the agent context of each call (heartbeat-config §5.2).
 * Scripts also inherit the daemon's own environment.
 */
public record ScriptEnvironment(Map<String, String> variables) {

    /** Where OCF agents and their shell library live; scripts that source OCF functions need it. */
    public static final String OCF_ROOT = "/usr/lib/ocf";
    /** Heartbeat's default date format for the shell helpers' log lines. */
    public static final String DATE_FORMAT = "%Y/%m/%d_%T ";

    public ScriptEnvironment {
        variables = Map.copyOf(variables);
    }

    /** Only the daemon's own environment and the per-call variables. */
    public static ScriptEnvironment empty() {
        return new ScriptEnvironment(Map.of());
    }

    public static ScriptEnvironment of(HaConfig config) {
        return of(config.directory(), config.haCf().autoFailback(), config.haCf().logging());
    }

    public static ScriptEnvironment of(Path haDir, AutoFailback mode, LoggingSettings logging) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OCF_ROOT", OCF_ROOT);
        env.put("HA_FUNCS", haDir.resolve("shellfuncs").toString());
        env.put("HA_DATEFMT", DATE_FORMAT);
        env.put("HA_LOGD", logging.useLogd() ? "yes" : "no");
        logging.logfile().ifPresent(p -> env.put("HA_LOGFILE", p.toString()));
        logging.debugfile().ifPresent(p -> env.put("HA_DEBUGLOG", p.toString()));
        logging.facility().ifPresent(f -> env.put("HA_LOGFACILITY", f));
        if (logging.debugLevel() > 0) {
            env.put("HA_debug", Integer.toString(logging.debugLevel()));
        }
        if (mode != AutoFailback.LEGACY) {
            env.put("HA_NICEFAILBACK", "yes");
        }
        return new ScriptEnvironment(env);
    }
}
