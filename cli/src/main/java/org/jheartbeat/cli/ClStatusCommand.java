package org.jheartbeat.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jheartbeat.core.control.ClusterReport;
import org.jheartbeat.core.control.ControlAnswer;
import org.jheartbeat.core.control.ControlClient;
import org.jheartbeat.core.control.ControlRequest;

/**
 * The {@code cl_status} command: Heartbeat 3.0.6's sub-commands, status words and exit codes,
 * answered by the daemon's control socket. Started once per call by scripts and monitoring, so
 * it avoids everything slow to load (no picocli, no logging framework): see the launcher for
 * the class-data sharing that makes the JVM start fast.
 */
public final class ClStatusCommand {

    /** Heartbeat's cl_status gives up after 5 s (an alarm), exiting 12. */
    static final Duration OVERALL_TIMEOUT = Duration.ofSeconds(5);

    private record SubCommand(String name, String options, boolean needsSignon) {
    }

    private static final List<SubCommand> SUB_COMMANDS = List.of(
            new SubCommand("hbstatus", "mv", false),
            new SubCommand("listnodes", "mpnv", true),
            new SubCommand("nodestatus", "m", true),
            new SubCommand("nodeweight", "m", true),
            new SubCommand("nodesite", "m", true),
            new SubCommand("nodetype", "m", true),
            new SubCommand("listhblinks", "mv", true),
            new SubCommand("hblinkstatus", "m", true),
            new SubCommand("clientstatus", "m", true),
            new SubCommand("rscstatus", "m", true),
            new SubCommand("hbparameter", "mp:", true));

    private final PrintStream out;
    private final PrintStream err;
    private final CommandLog log;
    private final Path runDirectory;
    private final long deadlineNanos;

    ClStatusCommand(PrintStream out, PrintStream err, Path runDirectory) {
        this.out = out;
        this.err = err;
        this.log = new CommandLog("cl_status", err);
        this.runDirectory = runDirectory;
        this.deadlineNanos = System.nanoTime() + OVERALL_TIMEOUT.toNanos();
    }

    public static void main(String[] args) {
        startAlarm();
        int exit = new ClStatusCommand(System.out, System.err, ControlClient.runDirectory()).run(args);
        System.out.flush();
        System.exit(exit);
    }

    /** Like Heartbeat's alarm(5): whatever hangs, the command ends with exit 12. */
    private static void startAlarm() {
        Thread alarm = new Thread(() -> {
            try {
                Thread.sleep(OVERALL_TIMEOUT);
                System.out.flush();
                Runtime.getRuntime().halt(ClStatusQueries.TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cl_status-alarm");
        alarm.setDaemon(true);
        alarm.start();
    }

    int run(String[] args) {
        if (args.length == 0 || args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            out.print(ClStatusHelp.TEXT);
            return ClStatusQueries.OK;
        }
        SubCommand sub = null;
        for (SubCommand candidate : SUB_COMMANDS) { // a loop, not a stream: fewer classes to load at start
            if (candidate.name().equals(args[0])) {
                sub = candidate;
            }
        }
        if (sub == null) {
            log.error(args[0] + ": invalid sub-command.");
            return ClStatusQueries.PARAMETER_ERROR;
        }
        GetOpt options = GetOpt.parse(sub.name(), List.of(args).subList(1, args.length), sub.options());
        ControlClient client;
        try {
            client = ControlClient.connect(runDirectory);
        } catch (IOException e) {
            return notRunning(sub, options, e);
        }
        try (client) {
            return dispatch(sub.name(), options, new ClStatusQueries(daemon(client), out, err, log));
        } catch (ControlClient.TimeoutException e) {
            return ClStatusQueries.TIMEOUT;
        } catch (IOException | IllegalArgumentException e) {
            log.error("Cannot talk to heartbeat");
            log.error("REASON: " + e.getMessage());
            return ClStatusQueries.UNKNOWN_ERROR;
        }
    }

    /**
     * We could not connect ("sign on"). hbstatus reports heartbeat stopped, or running but
     * refusing us when the socket exists but we may not use it; the others print Heartbeat's
     * sign-on error.
     */
    private int notRunning(SubCommand sub, GetOpt options, IOException cause) {
        String reason = "hb_api_signon: Can't initiate connection to heartbeat";
        if (sub.needsSignon()) {
            log.error("Cannot signon with heartbeat");
            log.error("REASON: " + reason);
            return ClStatusQueries.NORMAL_FAIL;
        }
        for (String problem : options.problems()) {
            err.println(problem);
        }
        boolean refused = String.valueOf(cause.getMessage()).contains("Permission denied");
        out.println(refused ? "Heartbeat is apparently running on this machine, but refuses my connection"
                : "Heartbeat is stopped on this machine.");
        if (options.has('v')) {
            out.println("(" + reason + (refused ? ": " + cause.getMessage() : "") + ")");
        }
        return refused ? ClStatusQueries.OK : ClStatusQueries.NORMAL_FAIL;
    }

    private int dispatch(String name, GetOpt o, ClStatusQueries q) throws IOException {
        return switch (name) {
            case "hbstatus" -> {
                for (String problem : o.problems()) { // Heartbeat's hbstatus complains and carries on
                    err.println(problem);
                }
                yield q.hbstatus(o);
            }
            case "listnodes" -> q.listnodes(o);
            case "nodestatus" -> q.nodestatus(o);
            case "nodeweight" -> q.nodeweight(o);
            case "nodesite" -> q.nodesite(o);
            case "nodetype" -> q.nodetype(o);
            case "listhblinks" -> q.listhblinks(o);
            case "hblinkstatus" -> q.hblinkstatus(o);
            case "clientstatus" -> q.clientstatus(o);
            case "rscstatus" -> q.rscstatus(o);
            case "hbparameter" -> q.hbparameter(o);
            default -> throw new IllegalStateException("no handler for " + name);
        };
    }

    private Duration remaining() {
        return Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime()));
    }

    private ClStatusQueries.Daemon daemon(ControlClient client) {
        return new ClStatusQueries.Daemon() {
            @Override
            public ClusterReport cluster() throws IOException {
                ControlAnswer answer = client.request(ControlRequest.of("cluster"), remaining());
                if (!answer.ok()) {
                    throw new IOException(answer.reason());
                }
                return ClusterReport.parse(answer.lines());
            }

            @Override
            public ControlAnswer parameter(String name) throws IOException {
                return client.request(ControlRequest.of("parameter", name), remaining());
            }

            @Override
            public ControlAnswer clientStatus(String node, String clientName, int timeoutMillis) throws IOException {
                return client.request(ControlRequest.of("client", node, clientName,
                        Integer.toString(Math.max(0, timeoutMillis))), remaining());
            }
        };
    }
}
