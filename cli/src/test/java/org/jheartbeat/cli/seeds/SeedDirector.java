package org.jheartbeat.cli.seeds;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jheartbeat.agents.testing.Namespace;
import org.jheartbeat.core.control.ClusterReport;
import org.jheartbeat.core.control.ControlAnswer;
import org.jheartbeat.core.control.ControlServer;

/**
 * One director of a seed setup: the distribution's {@code heartbeat} daemon, run as a process
 * in the director's network namespace with an ha.d directory copied from the seed's test
 * resources ({@code seeds/NAME/}: ha.cf, haresources, authkeys, ldirectord.cf, init.d/).
 *
 * <p>The files are used as written except that paths under {@code /var/log/} point into this
 * director's own directory: the kernel lab shares the host's file system, and two directors
 * must not write one log.
 */
final class SeedDirector {

    static final Path LAUNCHER = Path.of("target/jheartbeat/bin/heartbeat").toAbsolutePath();

    private final Namespace namespace;
    private final String node;
    private final Path dir;
    private Process process;

    SeedDirector(Namespace namespace, String node, String seed, Path dir) throws IOException {
        this.namespace = namespace;
        this.node = node;
        this.dir = dir;
        Files.createDirectories(dir);
        copySeed(seedDirectory(seed), dir);
        Files.setPosixFilePermissions(dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
        Files.createDirectories(dir.resolve("init.d"));
    }

    private static Path seedDirectory(String seed) {
        try {
            var url = SeedDirector.class.getResource("/seeds/" + seed);
            if (url == null) {
                throw new IllegalArgumentException("no test resources seeds/" + seed);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void copySeed(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                String text = Files.readString(file, StandardCharsets.UTF_8).replace("/var/log/", dir + "/");
                Files.writeString(target, text, StandardCharsets.UTF_8);
                if (Files.isExecutable(file)) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    String node() {
        return node;
    }

    Namespace namespace() {
        return namespace;
    }

    /** Starts the daemon in the foreground (so the test owns the process and its PID). */
    SeedDirector start() throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace.name(),
                LAUNCHER.toString(), "-f", "-c", dir.toString(), "--node", node,
                "--pidfile", dir.resolve("heartbeat.pid").toString(), "--run-dir", dir.resolve("run").toString(),
                "--state-dir", dir.resolve("lib").toString(), "--init-dir", dir.resolve("init.d").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stderr").toFile()));
        // IPaddr2 remembers a VIP it took from lo in $HA_RSCTMP: one directory per director,
        // since both share the lab's file system
        builder.environment().put("JHEARTBEAT_JAVA_OPTS",
                "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djheartbeat.rsctmp=" + dir.resolve("rsctmp"));
        process = builder.start();
        return this;
    }

    /** SIGKILL to the daemon's own PID; returns once it is gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Kills the daemon if it still runs (test clean-up). */
    void killIfRunning() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill9();
        }
    }

    /** What {@code cl_status rscstatus} prints ("" while the daemon does not answer). */
    String rscStatus() {
        try {
            for (String line : ControlServer.ask(dir.resolve("run"), "cluster").strip().split("\n")) {
                if (line.startsWith("rsc\t")) {
                    return line.substring(4);
                }
            }
        } catch (IOException notAnswering) {
            // not up yet, or gone
        }
        return "";
    }

    /**
     * The status this daemon gives {@code otherNode} ("" while it does not answer): what
     * {@code cl_status nodestatus} prints, without starting a JVM for each look while waiting.
     */
    String nodeStatus(String otherNode) {
        try {
            ControlAnswer answer = ControlAnswer.parse(ControlServer.ask(dir.resolve("run"), "cluster"));
            return answer.ok() ? ClusterReport.parse(answer.lines()).node(otherNode).map(ClusterReport.Node::status)
                    .orElse("") : "";
        } catch (IOException | IllegalArgumentException notAnswering) {
            return "";
        }
    }

    /** {@code hb_standby ARGS} (or hb_takeover, cl_status...) on this director; fails unless it exited 0. */
    String tool(String name, String... arguments) throws IOException, InterruptedException {
        ToolRun run = run(name, arguments);
        if (run.exitCode() != 0) {
            throw new AssertionError(name + " " + String.join(" ", arguments) + " on " + node + " exited "
                    + run.exitCode() + ": " + run.output());
        }
        return run.output();
    }

    /** One of the distribution's commands on this director: its exit status and what it printed. */
    ToolRun run(String name, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.resolveSibling(name).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JHEARTBEAT_RUN_DIR", dir.resolve("run").toString());
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new ToolRun(p.waitFor(), output);
    }

    /** What a command run on a director did. */
    record ToolRun(int exitCode, String output) {
    }

    /** The daemon's ha.cf {@code logfile} (ha-log), what an admin reads. */
    String haLog() throws IOException {
        Path log = dir.resolve("ha-log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The end of the daemon's debug log, and what it printed outside its logs, for failure messages. */
    String logs() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String file : List.of("ha-debug", "ldirectord.log", "stderr")) {
            Path path = dir.resolve(file);
            if (Files.exists(path)) {
                List<String> lines = Files.readAllLines(path);
                text.append("\n==== ").append(node).append(' ').append(file).append(" (last 200 lines)\n");
                lines.subList(Math.max(0, lines.size() - 200), lines.size())
                        .forEach(line -> text.append(line).append('\n'));
            }
        }
        return text.toString();
    }
}
