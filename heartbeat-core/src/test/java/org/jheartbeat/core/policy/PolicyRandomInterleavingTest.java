package org.jheartbeat.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.jheartbeat.core.config.AutoFailback;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random runs of two nodes: random message, result and timer order, mixed with admin commands,
 * crashes, restarts, graceful stops, partitions and failing starts. Every step checks the
 * cluster invariant; at the end, with both nodes up and connected, the cluster must settle with
 * every group on exactly one node.
 */
class PolicyRandomInterleavingTest {

    static final int SEEDS = 1500;
    static final int STEPS = 250;

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
        c.startFails = (node, key) -> failOnce.remove(node + " " + key);
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
                assertTrue(limit > 0, "no quiescence");
            }
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + " " + mode + ": " + e.getMessage(), e);
        }
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
            default -> failOnce.add(n.name + " " + TwoNodeCluster.GROUPS.get(random.nextInt(3)).key());
        }
    }
}
