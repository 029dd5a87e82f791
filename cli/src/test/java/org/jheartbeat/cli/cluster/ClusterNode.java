package org.jheartbeat.cli.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.jheartbeat.cli.membership.NetnsLab;
import org.jheartbeat.core.control.ControlServer;

/**
 * One real heartbeat daemon with resources, in its own network namespace: its own ha.d
 * directory, and a heartbeat resource script {@code TestRsc} that records every start and stop
 * (node, group, action, wall-clock nanoseconds) in a journal shared by all nodes of the test.
 */
final class ClusterNode {

    static final Path LAUNCHER = Path.of("target/jheartbeat/bin/heartbeat").toAbsolutePath();

    private final NetnsLab lab;
    private final String name;
    private final Path dir;
    private Process process;

    /**
     * @param journal  the file every node's TestRsc appends to
     * @param failing  groups whose start fails on this node; {@code hang-stop:GROUP} makes the
     *                 group's stop hang instead
     */
    ClusterNode(NetnsLab lab, String name, Path dir, String haCf, String haresources, Path journal,
                List<String> failing) throws IOException {
        this.lab = lab;
        this.name = name;
        this.dir = dir;
        Files.createDirectories(dir.resolve("resource.d"));
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("ha.cf"), haCf + "logfile " + log() + "\n");
        Files.writeString(dir.resolve("authkeys"), "auth 1\n1 sha1 TestClusterKey\n");
        Files.setPosixFilePermissions(dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("haresources"), haresources);
        Path script = dir.resolve("resource.d/TestRsc");
        List<String> failingStarts = failing.stream().filter(f -> !f.startsWith("hang-stop:")).toList();
        List<String> hangingStops = failing.stream().filter(f -> f.startsWith("hang-stop:"))
                .map(f -> f.substring("hang-stop:".length())).toList();
        Files.writeString(script, testResource(name, dir.resolve("state"), journal, failingStarts, hangingStops));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * {@code TestRsc GROUP start|stop|status}: the state file says whether it runs; the journal
     * line is written before a start (so a start is counted from its first moment) and after a
     * stop (so a stop is counted until its last moment). Status probes are journalled too, so a
     * benchmark can tell the probe from the start. Bash's clock variable needs no fork, so the
     * journal's own cost does not show in the gaps it measures.
     */
    private static String testResource(String node, Path state, Path journal, List<String> failing,
                                       List<String> hanging) {
        return """
                #!/bin/bash
                group="$1"; action="$2"
                case "$action" in
                  start)
                    echo "NODE $group start ${EPOCHREALTIME/./}000" >> "JOURNAL"
                    case " FAILING " in *" $group "*) echo "TestRsc: $group refuses to start" >&2; exit 1;; esac
                    touch "STATE/$group"
                    echo "NODE $group started ${EPOCHREALTIME/./}000" >> "JOURNAL"; exit 0;;
                  stop)
                    case " HANGING " in *" $group "*) exec sleep 3600;; esac
                    rm -f "STATE/$group"
                    echo "NODE $group stop ${EPOCHREALTIME/./}000" >> "JOURNAL"; exit 0;;
                  status)
                    echo "NODE $group status ${EPOCHREALTIME/./}000" >> "JOURNAL"
                    if [ -e "STATE/$group" ]; then echo running; else echo stopped; fi; exit 0;;
                esac
                exit 1
                """.replace("NODE", node).replace("STATE", state.toString()).replace("JOURNAL", journal.toString())
                .replace("FAILING", String.join(" ", failing)).replace("HANGING", String.join(" ", hanging));
    }

    String name() {
        return name;
    }

    Path log() {
        return dir.resolve("ha-log");
    }

    String logText() throws IOException {
        return Files.exists(log()) ? Files.readString(log()) : "";
    }

    /** What the daemon printed outside its log (start-up failures). */
    String stderrText() throws IOException {
        Path stderr = dir.resolve("stderr");
        return Files.exists(stderr) ? Files.readString(stderr) : "";
    }

    boolean runs(String group) {
        return Files.exists(dir.resolve("state").resolve(group));
    }

    private List<String> launcher(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("ip", "netns", "exec", lab.namespace(name),
                LAUNCHER.toString(), "-c", dir.toString(), "--node", name, "--pidfile", dir.resolve("pid").toString(),
                "--run-dir", dir.resolve("run").toString(), "--state-dir", dir.resolve("var").toString()));
        args.addAll(List.of(extra));
        return args;
    }

    /** Replaces {@code from} with {@code to} in this node's ha.cf. */
    void editHaCf(String from, String to) throws IOException {
        Path haCf = dir.resolve("ha.cf");
        String text = Files.readString(haCf);
        if (!text.contains(from)) {
            throw new IllegalArgumentException("ha.cf has no " + from + ": " + text);
        }
        Files.writeString(haCf, text.replace(from, to));
    }

    /** Replaces this node's haresources. */
    void writeHaResources(String text) throws IOException {
        Files.writeString(dir.resolve("haresources"), text);
    }

    /** Replaces this node's authkeys (mode 600). */
    void writeAuthKeys(String text) throws IOException {
        Files.writeString(dir.resolve("authkeys"), text);
        Files.setPosixFilePermissions(dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
    }

    /** Runs the launcher once more with {@code arguments} (e.g. {@code -r}); returns exit code and output. */
    Run command(String... arguments) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(launcher(arguments)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Run(p.waitFor(), output);
    }

    record Run(int exitCode, String output) {
    }

    private String[] daemonArguments = {"-f"};

    /** Extra daemon arguments for the next {@link #start}. */
    ClusterNode withArguments(String... arguments) {
        List<String> all = new ArrayList<>(List.of("-f"));
        all.addAll(List.of(arguments));
        daemonArguments = all.toArray(String[]::new);
        return this;
    }

    /** Starts the daemon in the foreground (the test owns the process). */
    ClusterNode start() throws IOException {
        process = lab.own(new ProcessBuilder(launcher(daemonArguments))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stderr").toFile()))
                .start());
        return this;
    }

    /**
     * SIGKILL, standing for the death of the whole machine: no goodbye, and what it ran is gone
     * with it (its state files are removed and the journal notes that it runs nothing from now).
     */
    void kill9(Journal journal) throws InterruptedException, IOException {
        process.destroyForcibly();
        process.waitFor();
        journal.killed(name);
        try (var files = Files.list(dir.resolve("state"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    /** Sends {@code kill -SIGNAL} (e.g. STOP, CONT) to the daemon, found by its pid file. */
    void signal(String signal) throws IOException {
        NetnsLab.run("kill", "-" + signal, Files.readString(dir.resolve("pid")).strip());
    }

    /** The daemon's exit status once it has exited on its own. */
    java.util.OptionalInt exitStatus() {
        return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    /** SIGTERM, as {@code heartbeat -k} sends it; returns once the daemon has exited. */
    int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Asks the daemon over its control socket; empty text while it does not answer. */
    String ask(String command) {
        try {
            return ControlServer.ask(dir.resolve("run"), command).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** What {@code cl_status rscstatus} would print ("" while the daemon does not answer). */
    String rscStatus() {
        for (String line : ask("cluster").split("\n")) {
            if (line.startsWith("rsc\t")) {
                return line.substring(4);
            }
        }
        return "";
    }

    /** Runs one of the distribution's commands (hb_standby, cl_status, ...) against this daemon. */
    Run tool(String name, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.resolveSibling(name).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JHEARTBEAT_RUN_DIR", dir.resolve("run").toString());
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Run(p.waitFor(), output);
    }

    /** {@code hb_standby ARG} on this node; fails unless the daemon accepted it. */
    void hbStandby(String argument) throws IOException, InterruptedException {
        Run run = tool("hb_standby", argument);
        if (run.exitCode() != 0) {
            throw new AssertionError("hb_standby " + argument + " on " + name + " exited " + run.exitCode() + ": "
                    + run.output());
        }
    }

    /** {@code hb_takeover ARG} on this node; fails unless the daemon accepted it. */
    void hbTakeover(String argument) throws IOException, InterruptedException {
        Run run = tool("hb_takeover", argument);
        if (run.exitCode() != 0) {
            throw new AssertionError("hb_takeover " + argument + " on " + name + " exited " + run.exitCode() + ": "
                    + run.output());
        }
    }
}
