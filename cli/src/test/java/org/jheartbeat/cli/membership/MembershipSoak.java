package org.jheartbeat.cli.membership;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two daemons at keepalive 20 ms / deadtime 50 ms for a while, each namespace also running a
 * CPU-and-allocation burner; then counts false deaths ({@code is dead} lines) and late
 * heartbeats (with the longest interval) in both logs, from the moment the burners start (a peer
 * declared dead at start-up because it started after initdead ran out is no false death).
 * Other work on the machine counts as load too: the load average is printed with the result.
 * A third daemon, alone at the default timers, stays idle the whole time: its CPU use and
 * resident memory are printed at the end. Needs root and the built
 * distribution; run like {@link MembershipDetectionBenchmark} with arguments [MINUTES].
 */
public final class MembershipSoak {

    private MembershipSoak() {
    }

    public static void main(String[] args) throws Exception {
        Duration duration = Duration.ofMinutes(args.length > 0 ? Long.parseLong(args[0]) : 10);
        Path dir = Files.createTempDirectory("jheartbeat-soak");
        try (NetnsLab lab = new NetnsLab()) {
            int b = lab.bridge();
            lab.plug("x1", "eth0", b, 1);
            lab.plug("x2", "eth0", b, 2);
            lab.plug("idle", "eth0", b, 3);
            String keys = "auth 1\n1 sha1 soak\n";
            String fast = "keepalive 20ms\ndeadtime 50ms\nwarntime 40ms\ninitdead 1\nudpport 6940\ncrm off\n"
                    + "auto_failback off\nbcast eth0\nnode x1 x2\n";
            HeartbeatNode x1 = new HeartbeatNode(lab, "x1", dir.resolve("x1"), fast, keys).start();
            HeartbeatNode x2 = new HeartbeatNode(lab, "x2", dir.resolve("x2"), fast, keys).start();
            HeartbeatNode idle = new HeartbeatNode(lab, "idle", dir.resolve("idle"),
                    "udpport 6950\ncrm off\nauto_failback off\nbcast eth0\nnode idle\n", keys).start();
            while (!x1.sees("x2").equals("active") || !x2.sees("x1").equals("active")) {
                Thread.sleep(100);
            }
            String java = ProcessHandle.current().info().command().orElseThrow();
            for (String node : List.of("x1", "x2")) {
                lab.own(new ProcessBuilder("ip", "netns", "exec", lab.namespace(node), java, "-Xmx128m",
                        "-cp", System.getProperty("java.class.path"), LoadBurner.class.getName(), "2")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            // only what happens under load counts: a peer not yet started when initdead ran out
            // is rightly declared dead at start-up
            long x1Offset = Files.size(x1.log());
            long x2Offset = Files.size(x2.log());
            long idlePid = Long.parseLong(Files.readString(idle.pidFile()).strip());
            long cpuBefore = cpuTicks(idlePid);
            long start = System.nanoTime();
            Thread.sleep(duration.toMillis());
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpuAfter = cpuTicks(idlePid);

            System.out.printf(Locale.ROOT, "soak %s at 20ms/50ms with 2 burner threads per node (load average"
                    + " at the end: %s)%n", duration, Files.readString(Path.of("/proc/loadavg")).strip());
            for (HeartbeatNode node : List.of(x1, x2)) {
                String log = underLoad(node.log(), node == x1 ? x1Offset : x2Offset);
                System.out.printf(Locale.ROOT, "  %s: false dead %d, late heartbeats %d (longest interval %d ms,"
                                + " %d over deadtime while this node itself was stalled), still sees peer %s%n",
                        node.name(), count(log, ": is dead"), count(log, "Late heartbeat:"), longestInterval(log),
                        count(log, "not counted against it"),
                        node.sees(node.name().equals("x1") ? "x2" : "x1"));
                log.lines().filter(l -> l.contains(": is dead")).forEach(l -> System.out.println("    " + l));
            }
            System.out.printf(Locale.ROOT, "idle node (1s/30s): CPU %.2f %% of one core over %.0f s, RSS %d MB%n",
                    100.0 * (cpuAfter - cpuBefore) / 100.0 / seconds, seconds, rssKb(idlePid) / 1024);
        }
    }

    private static String underLoad(Path log, long offset) throws java.io.IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) offset, all.length - (int) offset, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final Pattern INTERVAL = Pattern.compile("Late heartbeat: Node \\S+: interval (\\d+) ms");

    private static long longestInterval(String log) {
        return log.lines().map(INTERVAL::matcher).filter(Matcher::find)
                .mapToLong(m -> Long.parseLong(m.group(1))).max().orElse(0);
    }

    private static long count(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).count();
    }

    /** utime + stime of a process in clock ticks (100 per second on Linux). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long rssKb(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst().orElseThrow();
    }
}
