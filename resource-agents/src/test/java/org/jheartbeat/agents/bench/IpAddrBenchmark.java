package org.jheartbeat.agents.bench;

import org.jheartbeat.agents.ipaddr.IPaddr2;
import org.jheartbeat.agents.testing.ArpCapture;
import org.jheartbeat.agents.testing.DirectorLab;
import org.jheartbeat.agents.testing.Namespace;
import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.AgentContext;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How fast IPaddr2 brings a VIP up and announces it, measured in network namespaces (needs root).
 * Not part of the test run. Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -q -o -pl resource-agents -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java --enable-native-access=ALL-UNNAMED \
 *     -cp resource-agents/target/test-classes:resource-agents/target/classes:$(cat resource-agents/target/bench.cp) \
 *     org.jheartbeat.agents.bench.IpAddrBenchmark [iterations]
 * </pre>
 *
 * Prints medians (and 90th percentiles) of: start() until it returns (the address is present:
 * the kernel acknowledged it), start() until the client namespace reads the first gratuitous ARP,
 * stop(); the gaps between the frames of one default burst as the client sees them; and the
 * total time to start (and stop) 100 VIPs on one interface. Agent calls run on the director
 * namespace's thread, so each includes one hand-off to that thread.
 */
public final class IpAddrBenchmark {

    private static final String VIP = "10.88.0.100";

    private IpAddrBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        // Every start logs what it adds; at thousands of cycles that is noise, not information.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path state = Files.createTempDirectory("ipaddr-bench");
        IPaddr2 agent = new IPaddr2(state);
        AgentContext context = new AgentContext(state, "director");
        try (DirectorLab lab = DirectorLab.create(); ArpCapture capture = ArpCapture.start(lab.client(), "eth0")) {
            Namespace director = lab.director();
            Inet4Address vip = (Inet4Address) InetAddress.getByName(VIP);
            Map<String, String> p = Map.of("ip", VIP, "cidr_netmask", "24", "nic", "eth0");

            cycles(director, agent, context, capture, vip, p, iterations, false);
            System.out.printf("warm-up: %d start/stop cycles%n", iterations);
            cycles(director, agent, context, capture, vip, p, iterations, true);

            burstGaps(director, agent, context, capture, vip, p);
            hundred(director, agent, context);
        }
    }

    private static void cycles(Namespace director, IPaddr2 agent, AgentContext context, ArpCapture capture,
                               Inet4Address vip, Map<String, String> p, int iterations, boolean report) throws Exception {
        List<Long> present = new ArrayList<>();
        List<Long> firstArp = new ArrayList<>();
        List<Long> stop = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            int before = capture.from(vip).size();
            long t0 = System.nanoTime();
            ActionResult started = director.call(() -> agent.start(context, p));
            long t1 = System.nanoTime();
            check(started);
            long deadline = t0 + TimeUnit.SECONDS.toNanos(5);
            while (capture.from(vip).size() <= before) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no gratuitous ARP within 5 s");
                }
                LockSupport.parkNanos(50_000);
            }
            long arrived = capture.from(vip).get(before).nanos();
            long t2 = System.nanoTime();
            check(director.call(() -> agent.stop(context, p)));
            long t3 = System.nanoTime();
            present.add(t1 - t0);
            firstArp.add(arrived - t0);
            stop.add(t3 - t2);
        }
        if (report) {
            System.out.printf("%d cycles, JVM warm:%n", iterations);
            print("start() -> address present (returned)", present);
            print("start() -> first GARP read by client", firstArp);
            print("stop()", stop);
        }
    }

    private static void burstGaps(Namespace director, IPaddr2 agent, AgentContext context, ArpCapture capture,
                                  Inet4Address vip, Map<String, String> p) throws Exception {
        int before = capture.from(vip).size();
        check(director.call(() -> agent.start(context, p)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (capture.from(vip).size() < before + 10 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        List<ArpCapture.Captured> frames = capture.from(vip);
        List<Long> gaps = new ArrayList<>();
        for (int i = before + 1; i < frames.size(); i++) {
            gaps.add(frames.get(i).nanos() - frames.get(i - 1).nanos());
        }
        System.out.printf("default burst (arp_count=5, arp_interval=200): %d frames, gaps ms: %s%n",
                frames.size() - before, gaps.stream().map(g -> String.format("%.1f", g / 1e6)).toList());
        check(director.call(() -> agent.stop(context, p)));
    }

    private static void hundred(Namespace director, IPaddr2 agent, AgentContext context) throws Exception {
        List<Map<String, String>> vips = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            vips.add(Map.of("ip", "10.88.1." + i, "cidr_netmask", "24", "nic", "eth0"));
        }
        long t0 = System.nanoTime();
        director.call(() -> {
            for (Map<String, String> v : vips) {
                check(agent.start(context, v));
            }
            return null;
        });
        long t1 = System.nanoTime();
        String listed = director.ip("-o", "-4", "addr", "show", "dev", "eth0");
        long count = listed.lines().filter(l -> l.contains(" 10.88.1.")).count();
        long t2 = System.nanoTime();
        director.call(() -> {
            for (Map<String, String> v : vips) {
                check(agent.stop(context, v));
            }
            return null;
        });
        long t3 = System.nanoTime();
        System.out.printf("100 VIPs on eth0: start total %.1f ms (%d present afterwards), stop total %.1f ms%n",
                (t1 - t0) / 1e6, count, (t3 - t2) / 1e6);
    }

    private static void check(ActionResult result) {
        if (!result.isSuccess()) {
            throw new IllegalStateException("agent failed: " + result);
        }
    }

    private static void print(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("  %-40s median %7.3f ms   p90 %7.3f ms   min %7.3f ms%n", what,
                sorted.get(sorted.size() / 2) / 1e6, sorted.get(sorted.size() * 9 / 10) / 1e6, sorted.getFirst() / 1e6);
    }
}
