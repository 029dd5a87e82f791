package org.jheartbeat.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.jheartbeat.core.agent.BuiltInAgents;
import org.jheartbeat.core.config.HaConfigLoader;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code heartbeat} command: the daemon, and {@code --check} for the configuration. */
@Command(name = "heartbeat", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "jheartbeat: a Heartbeat-compatible cluster resource manager for LVS directors.")
public final class HeartbeatCommand implements Callable<Integer> {

    /** LSB exit status "program is not configured", which Heartbeat uses for bad configuration. */
    static final int EXIT_NOT_CONFIGURED = 6;

    @Option(names = "--check", description = "Check ha.cf, haresources and authkeys; print every problem and a"
            + " normalised summary. Exit 0 when valid (warnings allowed), 1 on any error.")
    boolean check;

    @Option(names = {"-c", "--config-dir"}, paramLabel = "DIR", defaultValue = "/etc/ha.d",
            description = "Configuration directory (default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Option(names = "--node", paramLabel = "NAME",
            description = "This node's name (default: first line of DIR/nodeinfo, else uname -n).")
    String node;

    @Override
    public Integer call() {
        if (!check) {
            System.err.println("heartbeat: not available yet (the daemon lands with membership); use --check");
            return NotYetAvailable.EXIT_UNIMPLEMENTED;
        }
        HaConfigLoader.Result result = HaConfigLoader.load(
                HaConfigLoader.Options.of(configDir, Optional.ofNullable(node), BuiltInAgents.NAMES));
        ConfigReport.print(result, configDir, System.out);
        return result.valid() ? 0 : 1;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new HeartbeatCommand()).execute(args));
    }
}
