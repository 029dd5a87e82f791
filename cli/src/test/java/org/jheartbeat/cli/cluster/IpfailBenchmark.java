package org.jheartbeat.cli.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How long the built-in ipfail takes to move a group when a director loses its ping node, with
 * two real daemons in network namespaces (not a test: run it by hand, as root, after
 * {@code ./build}; it prints numbers). Class path as for {@link TakeoverBenchmark}:
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED \
 *     -cp "target/jheartbeat/lib/*:target/test-classes:$(cat target/test.classpath)" \
 *     org.jheartbeat.cli.cluster.IpfailBenchmark [ROUNDS]
 * </pre>
 *
 * Each round, with auto_failback on and each director running its home group: x1's path to
 * the ping node is cut at a random moment of the keepalive cycle; measured are the cut to x1's
 * stop of alpha finished (deadping + the count exchange + the delayed give-up of 2 × keepalive
 * + the stop), the cut to x2's start of alpha finished, and the time nobody ran alpha. Then the
 * path returns and the time until x1 runs alpha again is measured (x2 gives it back).
 */
public final class IpfailBenchmark {

    static final String TIMERS = "keepalive 200ms\ndeadtime 1\nwarntime 500ms\ninitdead 4\n";
    static final long KEEPALIVE_MILLIS = 200;
    static final String DEADPING = "1";

    private IpfailBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dir = Files.createTempDirectory("jhb-ipfail");
        List<Double> stopped = new ArrayList<>();
        List<Double> started = new ArrayList<>();
        List<Double> gap = new ArrayList<>();
        List<Double> back = new ArrayList<>();
        try (TwoDirectorLab lab = new TwoDirectorLab(dir, TIMERS)) {
            lab.addPingNodeWithIpfail(DEADPING);
            TwoDirectorLab.Directors nodes = lab.x1ThenX2("on");
            ClusterNode x1 = nodes.x1();
            ClusterNode x2 = nodes.x2();
            lab.awaitRsc(x1, "local");
            lab.awaitRsc(x2, "local");
            for (int round = 0; round < rounds; round++) {
                Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(2 * KEEPALIVE_MILLIS));
                long fault = Journal.nowNanos();
                lab.net.linkDown("x1", "eth1");
                lab.awaitThat("x2 started alpha", () -> lab.journal.startedAfter("x2", "alpha", fault).isPresent());
                long x2Started = lab.journal.startedAfter("x2", "alpha", fault).getAsLong();
                long x1Stopped = lab.journal.stoppedBefore("x1", "alpha", x2Started).orElseThrow();
                long x2Began = lab.journal.entries().stream().filter(e -> e.node().equals("x2")
                        && e.group().equals("alpha") && e.action().equals("start") && e.nanos() >= x1Stopped)
                        .mapToLong(Journal.Entry::nanos).findFirst().orElseThrow();
                stopped.add((x1Stopped - fault) / 1e6);
                started.add((x2Started - fault) / 1e6);
                gap.add((x2Began - x1Stopped) / 1e6);
                lab.awaitRsc(x1, "none");
                lab.awaitRsc(x2, "all");

                long returned = Journal.nowNanos();
                lab.net.linkUp("x1", "eth1");
                lab.awaitThat("x1 runs alpha again", () -> lab.journal.startedAfter("x1", "alpha", returned)
                        .isPresent());
                back.add((lab.journal.startedAfter("x1", "alpha", returned).getAsLong() - returned) / 1e6);
                lab.awaitRsc(x1, "local");
                lab.awaitRsc(x2, "local");
                System.out.printf(Locale.ROOT, "round %d: cut -> x1 stopped %.0f ms, -> x2 started %.0f ms (gap %.1f ms);"
                        + " path back -> x1 started %.0f ms%n", round + 1, stopped.getLast(), started.getLast(),
                        gap.getLast(), back.getLast());
            }
            if (!lab.journal.doubleRuns().isEmpty()) {
                System.out.println("WARNING: a group ran on both nodes at once: " + lab.journal.doubleRuns());
            }
        }
        System.out.printf(Locale.ROOT, "%nkeepalive %d ms, deadping %s s, n=%d%n", KEEPALIVE_MILLIS, DEADPING, rounds);
        print("cut -> x1 stopped alpha", stopped);
        print("cut -> x2 started alpha", started);
        print("gap nobody runs alpha", gap);
        print("path back -> x1 started alpha", back);
    }

    private static void print(String what, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "  %-32s median %7.1f ms  p95 %7.1f ms  max %7.1f ms%n", what,
                sorted.get(sorted.size() / 2),
                sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1)), sorted.getLast());
    }
}
