package org.jheartbeat.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.jheartbeat.agents.script.ScriptTimeouts;
import org.jheartbeat.core.agent.BuiltInAgents;
import org.jheartbeat.core.config.HaConfigLoader;
import org.jheartbeat.core.config.Problem;
import org.jheartbeat.core.control.ControlServer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code heartbeat} command: the daemon (in the background, or with {@code -f} in the
 * foreground), {@code -k} to stop it, {@code --status} to dump its membership table, and
 * {@code --check} for the configuration.
 */
@Command(name = "heartbeat", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "jheartbeat: a Heartbeat-compatible cluster resource manager for LVS directors.")
public final class HeartbeatCommand implements Callable<Integer> {

    /** LSB exit status "program is not configured", which Heartbeat uses for bad configuration. */
    static final int EXIT_NOT_CONFIGURED = 6;
    private static final Duration DAEMON_START_WAIT = Duration.ofSeconds(120);
    /** LSB status "program is not running". */
    static final int EXIT_NOT_RUNNING = 3;

    @Option(names = "--check", description = "Check ha.cf, haresources and authkeys; print every problem and a"
            + " normalised summary. Exit 0 when valid (warnings allowed), 1 on any error.")
    boolean check;

    @Option(names = {"-c", "--config-dir"}, paramLabel = "DIR", defaultValue = "/etc/ha.d",
            description = "Configuration directory (default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Option(names = "--node", paramLabel = "NAME",
            description = "This node's name (default: first line of DIR/nodeinfo, else uname -n).")
    String node;

    @Option(names = {"-f", "--foreground"}, description = "Run in the foreground (log to stderr as well).")
    boolean foreground;

    @Option(names = {"-k", "--kill"}, description = "Stop the running daemon (SIGTERM) and wait until it has exited.")
    boolean kill;

    @Option(names = {"-r", "--reload"}, description = "Check the configuration, then tell the running daemon to"
            + " reread it (SIGHUP).")
    boolean reload;

    @Option(names = "--status", description = "Print the running daemon's node and link table.")
    boolean status;

    @Option(names = "-d", description = "Raise the debug level by one (repeatable).")
    boolean[] debug = new boolean[0];

    @Option(names = "--pidfile", paramLabel = "FILE", defaultValue = "/var/run/heartbeat.pid",
            description = "Pid file (default: ${DEFAULT-VALUE}).")
    Path pidFile;

    @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = "/var/run/heartbeat",
            description = "Directory of the control socket (default: ${DEFAULT-VALUE}).")
    Path runDirectory;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "/var/lib/heartbeat",
            description = "Where the generation counter hb_generation is kept (default: ${DEFAULT-VALUE}).")
    Path stateDirectory;

    @Option(names = "--script-timeout", paramLabel = "SECONDS", hidden = true,
            description = "Kill a resource script still running after this long; it counts as failed"
                    + " (default: 60 for start and stop, 20 for status).")
    Integer scriptTimeoutSeconds;

    @Option(names = "--init-dir", paramLabel = "DIR", defaultValue = "/etc/init.d", hidden = true,
            description = "Where LSB init scripts named in haresources are looked up (default: ${DEFAULT-VALUE}).")
    Path initDirectory;

    private final List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        if (kill) {
            LoggingSetup.quiet();
            return stopRunningDaemon();
        }
        if (status) {
            LoggingSetup.quiet();
            return printStatus();
        }
        HaConfigLoader.Options options = new HaConfigLoader.Options(configDir, Optional.ofNullable(node), initDirectory,
                BuiltInAgents.NAMES);
        HaConfigLoader.Result result = HaConfigLoader.load(options);
        if (check) {
            ConfigReport.print(result, configDir, System.out);
            return result.valid() ? 0 : 1;
        }
        if (reload) {
            return signalReload(result);
        }
        if (result.config().isEmpty()) {
            result.problems().stream().map(Problem::format).forEach(System.err::println);
            System.err.println("heartbeat: configuration error, heartbeat not started.");
            return EXIT_NOT_CONFIGURED;
        }
        PidFile pids = new PidFile(pidFile);
        if (foreground) {
            ScriptTimeouts scriptTimeouts = scriptTimeoutSeconds == null ? ScriptTimeouts.DEFAULT
                    : ScriptTimeouts.all(Duration.ofSeconds(scriptTimeoutSeconds));
            return HeartbeatDaemon.run(result.config().get(), options,
                    new DaemonSettings(pids, runDirectory, stateDirectory, scriptTimeouts, debug.length));
        }
        Optional<ProcessHandle> running = pids.runningProcess();
        if (running.isPresent()) {
            System.err.println("heartbeat: already running [pid " + running.get().pid() + "].");
            return 0;
        }
        return startInBackground(pids);
    }

    /** Re-runs this command with {@code -f} as a detached process and waits until it wrote its pid file. */
    private int startInBackground(PidFile pids) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // leave our session, so a closing terminal does not stop it
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(HeartbeatCommand.class.getName());
        command.addAll(arguments);
        command.add("--foreground");
        try {
            Process child = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            // Generous: a JVM on a slow or emulated machine can take many seconds to get this far.
            long deadline = System.nanoTime() + DAEMON_START_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (pids.runningProcess().isPresent()) {
                    return 0;
                }
                if (child.waitFor(50, TimeUnit.MILLISECONDS)) {
                    System.err.println("heartbeat: the daemon exited at start-up with code " + child.exitValue()
                            + "; see the log file.");
                    return child.exitValue() == 0 ? 1 : child.exitValue();
                }
            }
            System.err.println("heartbeat: the daemon did not write " + pids.path() + " within "
                    + DAEMON_START_WAIT.toSeconds() + " s.");
            return 1;
        } catch (IOException e) {
            System.err.println("heartbeat: cannot start the daemon: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int stopRunningDaemon() {
        Optional<ProcessHandle> running = new PidFile(pidFile).runningProcess();
        if (running.isEmpty()) {
            System.err.println("INFO: Heartbeat already stopped.");
            return 0;
        }
        ProcessHandle daemon = running.get();
        daemon.destroy();
        daemon.onExit().join();
        return 0;
    }

    /** {@code heartbeat -r}: a configuration with errors is never sent to the daemon. */
    private int signalReload(HaConfigLoader.Result result) {
        LoggingSetup.quiet();
        Optional<ProcessHandle> running = new PidFile(pidFile).runningProcess();
        if (result.config().isEmpty()) {
            result.problems().stream().map(Problem::format).forEach(System.err::println);
            System.err.println("heartbeat: Config errors: Heartbeat pid "
                    + running.map(p -> Long.toString(p.pid())).orElse("-") + " NOT restarted");
            return EXIT_NOT_CONFIGURED;
        }
        if (running.isEmpty()) {
            System.err.println("heartbeat: not running; nothing to reload.");
            return EXIT_NOT_RUNNING;
        }
        System.err.println("heartbeat: Signalling heartbeat pid " + running.get().pid() + " to reread config files");
        return org.jheartbeat.agents.lvs.ProcessSignals.hangUp(running.get().pid()) ? 0 : 1;
    }

    private int printStatus() {
        try {
            System.out.print(ControlServer.ask(runDirectory, "status"));
            return 0;
        } catch (IOException e) {
            System.out.println("heartbeat is stopped. No process");
            return EXIT_NOT_RUNNING;
        }
    }

    public static void main(String[] args) {
        HeartbeatCommand command = new HeartbeatCommand();
        command.arguments.addAll(List.of(args));
        int exit = new CommandLine(command).execute(args);
        LoggingSetup.awaitWritten(); // the daemon's last lines, e.g. why it did not start
        System.exit(exit);
    }
}
