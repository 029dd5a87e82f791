package org.jheartbeat.cli.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Takeover and switch-over times of two real daemons in network namespaces (not a test: run it
 * by hand, as root, after {@code ./build}; it prints numbers).
 *
 * <pre>
 * cd cli && ../mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java --enable-native-access=ALL-UNNAMED \
 *     -cp "target/jheartbeat/lib/*:target/test-classes:$(cat target/test.classpath)" \
 *     org.jheartbeat.cli.cluster.TakeoverBenchmark [ROUNDS] [fast|slow|all]
 * </pre>
 *
 * <ul>
 *   <li>kill -9 of the node running alpha: from the kill to the survivor's start of alpha
 *       finished;</li>
 *   <li>link down of that node (its only medium): from the cut to the same;</li>
 *   <li>hb_standby: from the request to the peer's start finished, and the gap between the
 *       giver's stop finished and the taker's start beginning (nobody runs the group).</li>
 * </ul>
 * Each fault round brings x1 back (auto_failback on gives alpha back to it) before the next
 * fault. The switch-overs follow, 2 × rounds of them between the same two running daemons:
 * {@code hb_standby all} on whichever holds everything, so alpha goes back and forth.
 */
public final class TakeoverBenchmark {

    private TakeoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String which = args.length > 1 ? args[1] : "all";
        if (!which.equals("slow")) {
            run("100ms/500ms", "keepalive 100ms\ndeadtime 500ms\nwarntime 300ms\ninitdead 4\n", 100, 500, rounds);
        }
        if (!which.equals("fast")) {
            run("1s/10s", "keepalive 1\ndeadtime 10\nwarntime 5\ninitdead 20\n", 1000, 10_000, rounds);
        }
    }

    private static void run(String label, String timers, long keepaliveMillis, long deadtimeMillis, int rounds)
            throws Exception {
        Path dir = Files.createTempDirectory("jhb-takeover");
        List<Double> kill = new ArrayList<>();
        List<Double> linkDown = new ArrayList<>();
        List<Double> switchOver = new ArrayList<>();
        List<Double> gap = new ArrayList<>();
        try (TwoDirectorLab lab = new TwoDirectorLab(dir, timers)) {
            ClusterNode x2 = lab.node("x2", "on").start();
            lab.awaitRsc(x2, "all");
            for (int round = 0; round < rounds; round++) {
                ClusterNode x1 = bringBackX1(lab, x2);
                atARandomMoment(keepaliveMillis);
                long fault = Journal.nowNanos();
                x1.kill9(lab.journal);
                kill.add(awaitTakeover(lab, fault));

                x1 = bringBackX1(lab, x2);
                atARandomMoment(keepaliveMillis);
                lab.journal.partitioned();
                fault = Journal.nowNanos();
                lab.net.linkDown("x1", "eth0");
                linkDown.add(awaitTakeover(lab, fault));
                x1.kill9(lab.journal); // end the partition the simple way
                lab.journal.healed();
                lab.net.linkUp("x1", "eth0");

                System.out.printf(Locale.ROOT, "%s round %d: kill -9 %.0f ms, link down %.0f ms%n", label, round + 1,
                        kill.getLast(), linkDown.getLast());
            }
            // Switch-overs between two running directors, alpha going back and forth.
            ClusterNode x1 = bringBackX1(lab, x2);
            ClusterNode giver = x1;
            ClusterNode taker = x2;
            for (int round = 0; round < 2 * rounds; round++) {
                atARandomMoment(keepaliveMillis);
                long asked = Journal.nowNanos();
                giver.hbStandby("all");
                long started = await(lab, taker.name(), asked);
                lab.awaitRsc(taker, "all");
                lab.awaitRsc(giver, "none");
                switchOver.add((started - asked) / 1e6);
                long stopped = lab.journal.stoppedBefore(giver.name(), "alpha", started).orElseThrow();
                String takerName = taker.name();
                long startBegan = lab.journal.entries().stream().filter(e -> e.node().equals(takerName)
                        && e.group().equals("alpha") && e.action().equals("start") && e.nanos() >= stopped)
                        .mapToLong(Journal.Entry::nanos).findFirst().orElseThrow();
                gap.add((startBegan - stopped) / 1e6);
                System.out.printf(Locale.ROOT, "%s switch-over %d (%s to %s): %.0f ms, gap %.1f ms%n", label, round + 1,
                        giver.name(), taker.name(), switchOver.getLast(), gap.getLast());
                ClusterNode swap = giver;
                giver = taker;
                taker = swap;
            }
            if (!lab.journal.doubleRuns().isEmpty()) {
                System.out.println("WARNING: double runs outside partitions: " + lab.journal.doubleRuns());
            }
        }
        System.out.printf(Locale.ROOT, "%n%s (deadtime %d ms)%n", label, deadtimeMillis);
        print("takeover after kill -9", kill, deadtimeMillis);
        print("takeover after link down", linkDown, deadtimeMillis);
        print("hb_standby: request to peer started", switchOver, 0);
        print("hb_standby: gap nobody runs it", gap, 0);
    }

    /**
     * Waits a random time up to two keepalives, so a fault does not come right after the
     * hand-off messages that ended the previous step (they count as heartbeats), but at any
     * moment of the keepalive cycle, as real faults do.
     */
    private static void atARandomMoment(long keepaliveMillis) throws InterruptedException {
        Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(2 * keepaliveMillis));
    }

    /** Starts x1 and waits until failback gave it alpha. */
    private static ClusterNode bringBackX1(TwoDirectorLab lab, ClusterNode x2)
            throws IOException {
        ClusterNode x1 = lab.node("x1", "on").start();
        lab.awaitRuns(x1, "alpha");
        lab.awaitRsc(x1, "local");
        lab.awaitRsc(x2, "local");
        return x1;
    }

    private static double awaitTakeover(TwoDirectorLab lab, long fault) throws IOException {
        return (await(lab, "x2", fault) - fault) / 1e6;
    }

    private static long await(TwoDirectorLab lab, String node, long since) throws IOException {
        lab.awaitThat(node + " started alpha", () -> lab.journal.startedAfter(node, "alpha", since).isPresent());
        return lab.journal.startedAfter(node, "alpha", since).getAsLong();
    }

    private static void print(String what, List<Double> millis, long deadtime) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        double p95 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1));
        double max = sorted.getLast();
        String beyond = deadtime > 0 ? String.format(Locale.ROOT, "  (median deadtime + %.0f ms)", median - deadtime) : "";
        System.out.printf(Locale.ROOT, "  %-38s n=%-3d median %7.1f ms  p95 %7.1f ms  max %7.1f ms%s%n", what,
                millis.size(), median, p95, max, beyond);
    }
}
