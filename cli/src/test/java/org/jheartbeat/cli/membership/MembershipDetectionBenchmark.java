package org.jheartbeat.cli.membership;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a surviving daemon takes to declare its peer dead, from {@code kill -9} of the peer
 * and from the return of {@code ip link set eth0 down} on the peer, for several
 * keepalive/deadtime pairs, each event at a random moment within two keepalives.
 * Two real daemons in network namespaces; the time of the verdict is the one the survivor
 * records in its table (wall clock, ms resolution), read over its control socket, so a slow
 * poll does not count. Prints median, p95, max.
 * Needs root and the built distribution. Not part of any test run; start it with
 * <pre>
 *   ./mvnw -pl heartbeat-core,cli -am package -DskipTests
 *   cd cli &amp;&amp; java --enable-native-access=ALL-UNNAMED \
 *       -cp "target/jheartbeat/lib/*:target/test-classes" \
 *       org.jheartbeat.cli.membership.MembershipDetectionBenchmark [N] [KEEPALIVE/DEADTIME ...]
 * </pre>
 * (defaults: N = 20, settings 1/10 100ms/500ms 20ms/50ms, written as in ha.cf: plain numbers are seconds).
 */
public final class MembershipDetectionBenchmark {

    private record Setting(String keepalive, String deadtime, long deadtimeMillis) {
    }

    private MembershipDetectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<String> settings = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : List.of("1/10", "100ms/500ms", "20ms/50ms");
        System.out.printf("%-12s %-10s %4s %10s %10s %10s   (ms from the event to the survivor's 'dead')%n",
                "setting", "event", "n", "median", "p95", "max");
        for (String s : settings) {
            String[] parts = s.split("/");
            Setting setting = new Setting(parts[0], parts[1], millis(parts[1]));
            run(setting, n);
        }
    }

    private static long millis(String time) {
        if (time.endsWith("ms")) {
            return Long.parseLong(time.substring(0, time.length() - 2));
        }
        return Long.parseLong(time) * 1000;
    }

    private static void run(Setting setting, int n) throws Exception {
        Path dir = Files.createTempDirectory("jheartbeat-bench");
        try (NetnsLab lab = new NetnsLab()) {
            int b = lab.bridge();
            lab.plug("x1", "eth0", b, 1);
            lab.plug("x2", "eth0", b, 2);
            long initdead = Math.max(2 * setting.deadtimeMillis(), 1000);
            String haCf = "keepalive " + setting.keepalive() + "\ndeadtime " + setting.deadtime()
                    + "\nwarntime " + setting.deadtime() + "\ninitdead " + initdead + "ms\nudpport 6940\n"
                    + "crm off\nauto_failback off\nbcast eth0\nnode x1 x2\n";
            String keys = "auth 1\n1 sha1 bench\n";
            HeartbeatNode x1 = new HeartbeatNode(lab, "x1", dir.resolve("x1"), haCf, keys).start();
            HeartbeatNode x2 = new HeartbeatNode(lab, "x2", dir.resolve("x2"), haCf, keys).start();

            List<Double> killed = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                waitUntil(x1, "active");
                randomPhase(setting);
                long t0 = System.currentTimeMillis();
                x2.kill9();
                waitUntil(x1, "dead");
                killed.add((double) (x1.since("x2") - t0));
                x2.start();
            }
            report(setting, "kill -9", killed);

            List<Double> linkDown = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                waitUntil(x1, "active");
                randomPhase(setting);
                lab.linkDown("x2", "eth0");
                long t0 = System.currentTimeMillis(); // the link goes down just before ip exits
                waitUntil(x1, "dead");
                linkDown.add((double) (x1.since("x2") - t0));
                lab.linkUp("x2", "eth0");
            }
            report(setting, "link down", linkDown);
        }
    }

    /**
     * Waits a random part of two keepalives, so the event does not always fall just after a
     * status packet (x2 is first seen active right when one arrives).
     */
    private static void randomPhase(Setting setting) {
        long keepaliveNanos = millis(setting.keepalive()) * 1_000_000L;
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(2 * keepaliveNanos));
    }

    /** Polls x1's view of x2 every millisecond until it has {@code status}. */
    private static void waitUntil(HeartbeatNode observer, String status) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && observer.alive()) {
            if (observer.sees("x2").equals(status)) {
                return;
            }
            LockSupport.parkNanos(1_000_000);
        }
        throw new IllegalStateException("x1 did not see x2 " + status + " within 120 s (or x1 exited)");
    }

    private static void report(Setting setting, String event, List<Double> samples) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[sorted.length / 2];
        double p95 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.95) - 1)];
        double max = sorted[sorted.length - 1];
        System.out.printf(Locale.ROOT, "%-12s %-10s %4d %10.1f %10.1f %10.1f   (deadtime %d ms: median %+.1f, p95 %+.1f)%n",
                setting.keepalive() + "/" + setting.deadtime(), event, sorted.length, median, p95, max,
                setting.deadtimeMillis(), median - setting.deadtimeMillis(), p95 - setting.deadtimeMillis());
    }
}
