package org.jheartbeat.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.jheartbeat.core.config.AutoFailback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random runs of two nodes: random message, result and timer order, mixed with admin commands,
 * crashes, restarts, graceful stops, partitions, failing starts and failing stops (the node is
 * then reset, as the policy asks). Every step checks the
 * cluster invariant; at the end, with both nodes up and connected, the cluster must settle with
 * every group on exactly one node.
 */
class PolicyRandomInterleavingTest {

    static final int SEEDS = 1500;
    static final int STEPS = 250;

    /** How many runs went through each kind of situation: the test must reach all of them. */
    static final Map<String, AtomicInteger> REACHED = new ConcurrentHashMap<>();

    static void reached(String what, boolean happened) {
        if (happened) {
            REACHED.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @AfterAll
    static void everySituationWasReached() {
        System.out.println("random runs per situation: " + new TreeMap<>(REACHED));
        for (String what : List.of("standby completed", "takeover after death", "graceful stop handed over",
                "partition resolved with re-announce", "start failure", "stop failure reset",
                "legacy ip-request answered", "standby refused", "simultaneous start")) {
            assertTrue(REACHED.getOrDefault(what, new AtomicInteger()).get() > 0, "never reached: " + what);
        }
    }

    static java.util.stream.Stream<Arguments> runs() {
        AutoFailback[] modes = AutoFailback.values();
        return LongStream.range(0, SEEDS).mapToObj(seed -> Arguments.of(seed, modes[(int) (seed % modes.length)]));
    }

    @ParameterizedTest(name = "seed {0} {1}")
    @MethodSource("runs")
    void randomRunKeepsTheInvariantAndSettles(long seed, AutoFailback mode) {
        Random random = new Random(seed);
        boolean timersAnytime = seed % 2 == 0;
        boolean failures = seed % 5 == 1;
        TwoNodeCluster c = new TwoNodeCluster(mode);
        Set<String> failOnce = new HashSet<>();
        c.startFails = (node, key) -> failOnce.remove("start " + node + " " + key);
        c.stopFails = (node, key) -> failOnce.remove("stop " + node + " " + key);
        if (random.nextBoolean()) {
            c.bootBoth();
        } else {
            c.boot(c.x1);
        }
        try {
            for (int i = 0; i < STEPS; i++) {
                if (random.nextInt(100) < 12 || !c.stepRandomly(random, timersAnytime)) {
                    external(c, random, failures ? failOnce : null);
                }
            }
            if (!c.connected) {
                c.heal();
            }
            // A node may finish a graceful stop while draining: start it again and drain again.
            for (int round = 0; round < 3 && (!c.x1.up || !c.x2.up || round == 0); round++) {
                for (TwoNodeCluster.Node n : List.of(c.x1, c.x2)) {
                    if (!n.up) {
                        c.boot(n);
                    }
                }
                int limit = 50_000;
                while (c.stepRandomly(random, false) && --limit > 0) {
                    // drain in random order; timers only when nothing else is pending
                }
                assertTrue(limit > 0, () -> "no quiescence\n" + c.trace());
            }
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + " " + mode + ": " + e.getMessage(), e);
        }
        record(c);
        String context = "seed " + seed + " " + mode + "\n" + c.trace();
        for (TwoNodeCluster.Node n : List.of(c.x1, c.x2)) {
            assertEquals(Phase.RUNNING, n.state.phase(), () -> n.name + " " + context);
            assertTrue(n.state.locallyStable(), () -> n.name + " not stable " + context);
        }
        for (var entry : c.placement().entrySet()) {
            boolean failedSomewhere = c.x1.state.failed().contains(entry.getKey())
                    || c.x2.state.failed().contains(entry.getKey());
            int expected = failedSomewhere ? entry.getValue().size() : 1;
            assertTrue(entry.getValue().size() <= 1, () -> "runs twice: " + entry + " " + context);
            assertEquals(expected, entry.getValue().size(), () -> "not running: " + entry + " " + context);
        }
    }

    private static void record(TwoNodeCluster c) {
        List<String> logs = new java.util.ArrayList<>(c.x1.logTexts());
        logs.addAll(c.x2.logTexts());
        reached("standby completed", logs.stream().anyMatch(l -> l.startsWith("Other node completed standby takeover")));
        reached("takeover after death", logs.stream().anyMatch(l -> l.startsWith("No STONITH device")));
        reached("graceful stop handed over", logs.stream().anyMatch(l -> l.equals("acquire all HA resources (standby).")));
        reached("partition resolved with re-announce", !c.x1.reannounced.isEmpty() || !c.x2.reannounced.isEmpty());
        reached("start failure", logs.stream().anyMatch(l -> l.endsWith("failed to start; stopping it.")));
        reached("stop failure reset", !c.x1.escalations.isEmpty() || !c.x2.escalations.isEmpty());
        reached("legacy ip-request answered", c.x1.sent.stream().anyMatch(m -> m instanceof PeerMessage.IpRequestResponse)
                || c.x2.sent.stream().anyMatch(m -> m instanceof PeerMessage.IpRequestResponse));
        reached("standby refused", logs.stream().anyMatch(l -> l.contains("ignored.  ")));
        reached("simultaneous start", logs.stream().anyMatch(l -> l.endsWith("(HB_R_BOTHSTARTING)")));
        reached("orphaned groups adopted", logs.stream().anyMatch(l -> l.equals("No one owns our local resources!")));
        reached("standby timed out", logs.stream().anyMatch(l -> l.startsWith("No reply to standby request")
                || l.startsWith("No standby done message")));
    }

    private static void external(TwoNodeCluster c, Random random, Set<String> failOnce) {
        TwoNodeCluster.Node n = random.nextBoolean() ? c.x1 : c.x2;
        StandbyArgument argument = StandbyArgument.values()[random.nextInt(4)];
        switch (random.nextInt(failOnce == null ? 9 : 10)) {
            case 0, 1 -> c.command(n, new PolicyEvent.StandbyRequested(argument));
            case 2 -> c.command(n, new PolicyEvent.TakeoverRequested(argument));
            case 3 -> c.command(n, new PolicyEvent.ShutdownRequested());
            case 4 -> {
                if (n.up) {
                    c.crash(n);
                }
            }
            case 5, 6 -> {
                if (!n.up) {
                    c.boot(n);
                }
            }
            case 7 -> {
                if (c.connected) {
                    c.cut();
                } else {
                    c.heal();
                }
            }
            case 8 -> c.command(n, new PolicyEvent.NodeDead(TwoNodeCluster.PING));
            default -> failOnce.add((random.nextInt(3) == 0 ? "stop " : "start ") + n.name + " "
                    + TwoNodeCluster.GROUPS.get(random.nextInt(3)).key());
        }
    }
}
