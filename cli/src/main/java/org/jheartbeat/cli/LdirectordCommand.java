package org.jheartbeat.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;

import org.jheartbeat.agents.kernel.ipvs.Ipvs;
import org.jheartbeat.agents.lvs.Ldirectord;
import org.jheartbeat.agents.lvs.LdirectordEngine;
import org.jheartbeat.agents.lvs.PidFile;
import org.jheartbeat.agents.lvs.ProcessSignals;
import org.jheartbeat.agents.lvs.config.ConfigLocator;
import org.jheartbeat.agents.lvs.config.ConfigSummary;
import org.jheartbeat.agents.lvs.config.LdirectordConfigParser;
import org.jheartbeat.agents.lvs.config.NameResolver;
import org.jheartbeat.core.config.LocalNodeName;
import org.jheartbeat.core.config.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ldirectord} command, with ldirectord's command line, status texts and exit codes:
 * {@code ldirectord [-d] [CONFIG] start|stop|restart|try-restart|reload|force-reload|status}, and
 * {@code ldirectord --check CONFIG} for a normalised summary of the file, and
 * {@code ldirectord --ipvs-list ...} for the kernel table as {@code ipvsadm -L -n} shows it.
 *
 * <p>The arguments are read by hand rather than with picocli because ldirectord's grammar is
 * not a usual one: the command is a positional word, an unknown one prints the usage on stdout
 * with status 255, and {@code status} splits its answer between stderr and stdout.
 *
 * <p>Environment (for tests and packaging): {@code JHEARTBEAT_HA_DIR} (default /etc/ha.d) and
 * {@code JHEARTBEAT_RUN_DIR} (default /var/run).
 */
public final class LdirectordCommand {

    /** ldirectord's own log, as the engine writes it. */
    private static final Logger LOG = LoggerFactory.getLogger("ldirectord");
    static final int EXIT_USAGE = 255;
    static final int EXIT_CONFIG_ERROR = 2;
    static final int EXIT_STOPPED = 3;
    private static final String DAEMON_CHILD = "--daemon-child";
    private static final List<String> COMMANDS =
            List.of("start", "stop", "restart", "try-restart", "reload", "force-reload", "status");

    private final PrintStream out;
    private final PrintStream err;
    private final Path haDir;
    private final Path runDir;

    LdirectordCommand(PrintStream out, PrintStream err, Path haDir, Path runDir) {
        this.out = out;
        this.err = err;
        this.haDir = haDir;
        this.runDir = runDir;
    }

    public static void main(String[] args) {
        Path haDir = Path.of(Optional.ofNullable(System.getenv("JHEARTBEAT_HA_DIR")).orElse("/etc/ha.d"));
        Path runDir = Path.of(Optional.ofNullable(System.getenv("JHEARTBEAT_RUN_DIR")).orElse("/var/run"));
        System.exit(new LdirectordCommand(System.out, System.err, haDir, runDir).run(args));
    }

    int run(String[] args) {
        if (args.length > 0 && args[0].equals("--ipvs-list")) {
            return IpvsListCommand.commandLine().execute(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        boolean debug = false;
        boolean daemonChild = false;
        List<String> words = new ArrayList<>();
        boolean options = true;
        for (String a : args) {
            if (options && a.equals("--")) {
                options = false;
            } else if (options && a.equals(DAEMON_CHILD)) {
                daemonChild = true;
            } else if (options && a.equals("--check")) {
                words.add(0, "--check");
            } else if (options && (a.equals("-v") || a.equals("--version"))) {
                printVersion();
                return 0;
            } else if (options && (a.equals("-h") || a.equals("-?") || a.equals("--help"))) {
                usage();
                return 0;
            } else if (options && (a.equals("--debug") || a.matches("-d+"))) {
                debug = true;
            } else if (options && a.startsWith("-") && a.length() > 1) {
                usage();
                return EXIT_USAGE;
            } else {
                options = false;
                words.add(a);
            }
        }
        if (!words.isEmpty() && words.getFirst().equals("--check")) {
            return words.size() == 2 ? check(words.get(1)) : usageError();
        }
        if (words.isEmpty() || words.size() > 2 || !COMMANDS.contains(words.getLast())) {
            return usageError();
        }
        String configName = words.size() == 2 ? words.getFirst() : "ldirectord.cf";
        String cfgName = words.size() == 2 ? Path.of(configName).getFileName().toString() : "ldirectord";
        Optional<Path> config = ConfigLocator.find(haDir, configName);
        if (config.isEmpty()) {
            err.println("Config file " + configName + " not found");
            return 1;
        }
        LdirectordConfigParser.Result parsed = LdirectordConfigParser.parse(config.get(), options());
        printProblems(parsed.problems());
        if (!parsed.valid()) {
            return EXIT_CONFIG_ERROR;
        }
        PidFile pidFile = PidFile.of(runDir, cfgName);
        if (daemonChild) {
            return runDaemon(config.get(), pidFile, false);
        }
        return switch (words.getLast()) {
            case "start" -> start(config.get(), pidFile, debug, args);
            case "stop" -> {
                pidFile.runningPid().ifPresent(ProcessSignals::terminate);
                yield 0;
            }
            case "restart", "try-restart" -> {
                OptionalLong pid = pidFile.runningPid();
                if (pid.isEmpty()) {
                    yield words.getLast().equals("restart") ? start(config.get(), pidFile, debug, args) : 0;
                }
                ProcessSignals.terminate(pid.getAsLong());
                ProcessHandle.of(pid.getAsLong()).ifPresent(p -> p.onExit().join());
                yield start(config.get(), pidFile, debug, args);
            }
            case "reload", "force-reload" -> {
                OptionalLong pid = pidFile.runningPid();
                if (pid.isEmpty()) {
                    err.println("ldirectord is stopped for " + config.get());
                    yield 1;
                }
                ProcessSignals.hangUp(pid.getAsLong());
                yield 0;
            }
            default -> status(config.get(), pidFile);
        };
    }

    private int status(Path config, PidFile pidFile) {
        OptionalLong pid = pidFile.runningPid();
        if (pid.isPresent()) {
            err.println("ldirectord for " + config + " is running with pid: " + pid.getAsLong());
            return 0;
        }
        if (pidFile.exists()) {
            err.println("ldirectord stale pid file " + pidFile.path() + " for " + config);
            out.println("ldirectord is stopped for " + config);
            return 1;
        }
        out.println("ldirectord is stopped for " + config);
        return EXIT_STOPPED;
    }

    /** Without -d: starts a copy of this program in the background, which writes the pid file. */
    private int start(Path config, PidFile pidFile, boolean debug, String[] args) {
        if (pidFile.runningPid().isPresent()) {
            return 0;
        }
        if (debug) {
            return runDaemon(config, pidFile, true);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(daemonJvmOptions());
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Djheartbeat.program=ldirectord",
                "-cp", System.getProperty("java.class.path"), LdirectordCommand.class.getName(), DAEMON_CHILD));
        command.addAll(List.of(args));
        try {
            new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return 0;
        } catch (IOException e) {
            err.println("ldirectord: cannot start the daemon: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The JVM options this command runs with (the launcher's: serial collector, heap cap), for
     * the daemon it starts: without them the daemon got the JVM's defaults, a heap of a quarter
     * of the machine's RAM among them, which a large ldirectord slowly fills. Agents and
     * debugger options stay with this process.
     */
    static List<String> daemonJvmOptions() {
        List<String> options = new ArrayList<>();
        for (String option : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib:") && !option.startsWith("-agentpath:")
                    && !option.startsWith("-javaagent:") && !option.startsWith("-Xrunjdwp")
                    && !option.startsWith("-XX:StartFlightRecording") && !option.startsWith("-XX:AOTCache")
                    && !option.startsWith("--enable-native-access=") && !option.startsWith("-Djheartbeat.program=")) {
                options.add(option);
            }
        }
        return options;
    }

    /** The daemon itself: runs until SIGTERM/SIGINT, reloads on SIGHUP, cleans up per cleanstop. */
    private int runDaemon(Path config, PidFile pidFile, boolean foreground) {
        Ldirectord ld;
        try {
            ld = Ldirectord.start(config, options(), Ipvs::open, LdirectordEngine.DEFAULT_MAX_CONCURRENT_CHECKS);
        } catch (Ldirectord.ConfigurationException e) {
            return EXIT_CONFIG_ERROR;
        } catch (IOException e) {
            err.println("ldirectord: " + e.getMessage());
            return 1;
        }
        if (!foreground) {
            try {
                pidFile.write(ProcessHandle.current().pid());
            } catch (IOException e) {
                err.println("ldirectord: cannot write " + pidFile.path() + ": " + e.getMessage());
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean ending = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.function.Consumer<String> terminate = signal -> {
            if (!ending.compareAndSet(false, true)) {
                return;
            }
            try {
                ld.close();
            } catch (IOException e) {
                LOG.error("stopping: {}", e.getMessage());
            }
            if (!foreground) {
                pidFile.delete();
            }
            LOG.info("Linux Director Daemon terminated on signal: {}", signal);
            stopped.countDown();
        };
        // TERM and INT end the daemon with status 0 as ldirectord does (the JVM's own handling exits 143).
        for (String signal : List.of("TERM", "INT")) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal),
                    s -> Thread.ofPlatform().name("ldirectord-" + signal).start(() -> terminate.accept(signal)));
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> terminate.accept("TERM")));
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> Thread.ofVirtual().start(ld::reload));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private int check(String configName) {
        Optional<Path> config = ConfigLocator.find(haDir, configName);
        if (config.isEmpty()) {
            err.println("Config file " + configName + " not found");
            return 1;
        }
        LdirectordConfigParser.Result r = LdirectordConfigParser.parse(config.get(), options());
        for (Problem p : r.problems()) {
            out.println(p.format());
        }
        if (!r.problems().isEmpty()) {
            out.println();
        }
        r.config().ifPresent(c -> ConfigSummary.lines(c).forEach(out::println));
        long errors = r.problems().stream().filter(Problem::isError).count();
        long warnings = r.problems().size() - errors;
        out.println();
        out.println(r.valid() ? "Valid (" + warnings + " warning" + (warnings == 1 ? "" : "s") + ")."
                : "INVALID: " + errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning"
                        + (warnings == 1 ? "" : "s") + "; ldirectord would refuse to start.");
        return r.valid() ? 0 : 1;
    }

    private void printProblems(List<Problem> problems) {
        long pid = ProcessHandle.current().pid();
        for (Problem p : problems) {
            err.println((p.isError() ? "Error [" : "Warning [") + pid + "] reading file " + p.file() + " at line "
                    + p.line() + ": " + p.message());
        }
    }

    private LdirectordConfigParser.Options options() {
        return new LdirectordConfigParser.Options(NameResolver.system(), LocalNodeName.find(haDir));
    }

    private int usageError() {
        usage();
        return EXIT_USAGE;
    }

    private void usage() {
        out.println("Usage:");
        out.println("    ldirectord [-d|--debug] [--] [ldirectord.cf] start|stop|restart|try-restart|reload|force-reload|status");
        out.println("    ldirectord --check ldirectord.cf");
        out.println("    ldirectord --ipvs-list [-n] [--stats|--rate|--thresholds|...]");
        out.println("    ldirectord -h|--help");
        out.println("    ldirectord -v|--version");
        out.println();
        out.println("Options:");
        out.println("    -d, --debug    stay in the foreground, log to stderr, no pid file");
        out.println("    --check FILE   check FILE and print a normalised summary; exit 0 if valid, 1 if not");
    }

    private void printVersion() {
        out.println("Linux Director v1.186-ha (jheartbeat)");
        out.println("1999-2006 Jacob Rief, Horms and others");
        out.println("<http://www.vergenet.net/linux/ldirectord/>");
        out.println();
        out.println("This is free software; there is NO warranty, not even for");
        out.println("MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.");
        out.println("jheartbeat reimplements ldirectord's behaviour in Java.");
    }
}
