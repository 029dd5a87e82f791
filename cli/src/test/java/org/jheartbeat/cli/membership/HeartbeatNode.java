package org.jheartbeat.cli.membership;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jheartbeat.core.control.ControlServer;

/**
 * One real heartbeat daemon under test: its own /etc/ha.d (via {@code -c}), node name (via
 * {@code --node}), pid file and run directory, started with the built launcher inside its
 * network namespace. {@link #status()} asks it over its control socket.
 */
final class HeartbeatNode {

    static final Path LAUNCHER = Path.of("target/jheartbeat/bin/heartbeat").toAbsolutePath();

    /** One line of the status dump about a node. */
    record NodeLine(String status, String type, long sinceEpochMillis, long incarnation, Map<String, String> links) {
    }

    /** The parsed status dump. */
    record Status(String localStatus, Map<String, NodeLine> nodes, Map<String, Long> drops) {
        Optional<String> statusOf(String node) {
            return Optional.ofNullable(nodes.get(node)).map(NodeLine::status);
        }

        Optional<String> link(String node, String link) {
            return Optional.ofNullable(nodes.get(node)).map(n -> n.links().get(link));
        }

        long drops(String reason) {
            return drops.getOrDefault(reason, 0L);
        }
    }

    private final NetnsLab lab;
    private final String name;
    private final Path dir;
    private Process process;

    HeartbeatNode(NetnsLab lab, String name, Path dir, String haCf, String authKeys) throws IOException {
        this.lab = lab;
        this.name = name;
        this.dir = dir;
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ha.cf"), haCf + "logfile " + dir.resolve("ha-log") + "\n");
        Files.writeString(dir.resolve("authkeys"), authKeys);
        Files.setPosixFilePermissions(dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("haresources"), "");
    }

    String name() {
        return name;
    }

    Path pidFile() {
        return dir.resolve("pid");
    }

    Path log() {
        return dir.resolve("ha-log");
    }

    List<String> arguments(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("ip", "netns", "exec", lab.namespace(name),
                LAUNCHER.toString(), "-c", dir.toString(), "--node", name, "--pidfile", pidFile().toString(),
                "--run-dir", dir.resolve("run").toString(), "--state-dir", dir.resolve("state").toString()));
        args.addAll(List.of(extra));
        return args;
    }

    /** Starts the daemon in the foreground (the test owns the process). */
    HeartbeatNode start() throws IOException {
        process = lab.own(new ProcessBuilder(arguments("-f"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stderr").toFile()))
                .start());
        return this;
    }

    /** SIGKILL: the daemon gets no chance to say goodbye. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The daemon's table, or empty while it does not answer yet. */
    Optional<Status> status() {
        String text;
        try {
            text = ControlServer.ask(dir.resolve("run"), "status");
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(parse(text));
    }

    /** Since when (wall clock, ms) this daemon sees {@code node} in its current status. */
    long since(String node) {
        return status().map(s -> s.nodes().get(node).sinceEpochMillis()).orElseThrow();
    }

    /** Status of {@code node} as this daemon sees it ("" while it does not answer). */
    String sees(String node) {
        return status().flatMap(s -> s.statusOf(node)).orElse("");
    }

    static Status parse(String text) {
        String local = "";
        Map<String, NodeLine> nodes = new HashMap<>();
        Map<String, Long> drops = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "local" -> local = words[2];
                case "node" -> {
                    Map<String, String> links = new HashMap<>();
                    String linkList = words[6].substring("links=".length());
                    for (String link : linkList.split(",")) {
                        int colon = link.lastIndexOf(':');
                        links.put(link.substring(0, colon), link.substring(colon + 1));
                    }
                    nodes.put(words[1], new NodeLine(words[3], words[2],
                            Long.parseLong(words[4].substring("since=".length())),
                            Long.parseLong(words[5].substring("incarnation=".length())), links));
                }
                case "drops" -> {
                    for (int i = 1; i < words.length; i++) {
                        String[] kv = words[i].split("=");
                        drops.put(kv[0], Long.parseLong(kv[1]));
                    }
                }
                default -> throw new IllegalArgumentException("unexpected status line: " + line);
            }
        }
        return new Status(local, nodes, drops);
    }
}
