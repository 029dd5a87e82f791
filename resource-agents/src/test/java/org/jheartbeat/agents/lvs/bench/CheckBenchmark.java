package org.jheartbeat.agents.lvs.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.jheartbeat.agents.lvs.check.CheckResult;
import org.jheartbeat.agents.lvs.check.CheckScheduler;
import org.jheartbeat.agents.lvs.check.CheckTarget;
import org.jheartbeat.agents.lvs.check.HealthChecks;
import org.jheartbeat.agents.lvs.check.Tls;
import org.jheartbeat.agents.lvs.config.LdirectordConfig;
import org.jheartbeat.agents.lvs.config.LdirectordConfigParser;
import org.jheartbeat.agents.lvs.config.NameResolver;
import org.jheartbeat.agents.lvs.config.RealServer;
import org.jheartbeat.agents.lvs.config.VirtualService;

/**
 * Checks per second with many real servers (not part of any test run). Starts a child JVM
 * serving HTTP on {@code ADDRESSES} loopback addresses times {@code PORTS} ports, writes an
 * ldirectord.cf listing them all (checkinterval=1, negotiate http), runs the checks as the
 * daemon does (without IPVS) and prints sustained checks/s, the checker's CPU and RSS, and the
 * p50/p99 lateness of check starts.
 *
 * <p>Run the checker with the JVM options the launcher gives the daemon, for example
 * <pre>java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx128m -cp ... CheckBenchmark [ADDRESSES=100] [PORTS=100]
 *      [SECONDS=30] [MAXCONCURRENT=4096]</pre>
 * The servers run in a child JVM ({@link BenchHttpServers}).
 */
public final class CheckBenchmark {

    private static final int BASE_PORT = 20_000;

    private CheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int addresses = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int ports = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int maxConcurrent = args.length > 3 ? Integer.parseInt(args[3]) : 4096;
        Process servers = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                BenchHttpServers.class.getName(), Integer.toString(addresses), Integer.toString(ports),
                Integer.toString(BASE_PORT)).redirectErrorStream(true).start();
        try {
            String ready = new String(servers.getInputStream().readNBytes(6), StandardCharsets.US_ASCII);
            if (!ready.equals("ready\n")) {
                throw new IllegalStateException("server process said: " + ready);
            }
            run(addresses, ports, seconds, maxConcurrent, servers.toHandle());
        } finally {
            servers.destroy();
            servers.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void run(int addresses, int ports, int seconds, int maxConcurrent, ProcessHandle servers)
            throws Exception {
        Path file = Files.createTempFile("ldirectord-bench", ".cf");
        List<String> lines = new ArrayList<>(List.of("checkinterval=1", "checktimeout=5"));
        for (int p = 0; p < ports; p++) {
            lines.add("virtual=10.0." + (p / 250) + "." + (p % 250 + 1) + ":80");
            lines.addAll(List.of("\tservice=http", "\trequest=\"check.html\"", "\treceive=\"OK\""));
            for (int a = 0; a < addresses; a++) {
                lines.add("\treal=" + address(a) + ":" + (BASE_PORT + p) + " masq");
            }
        }
        Files.write(file, lines);
        LdirectordConfigParser.Result r = LdirectordConfigParser.parse(file,
                new LdirectordConfigParser.Options(NameResolver.numericOnly(), "bench"));
        Files.delete(file);
        LdirectordConfig config = r.config().orElseThrow(() -> new IllegalStateException(r.problems().toString()));
        List<CheckTarget> targets = new ArrayList<>();
        for (VirtualService v : config.virtuals()) {
            for (RealServer real : v.reals()) {
                targets.add(CheckTarget.of(v, real));
            }
        }
        LongAdder down = new LongAdder();
        HealthChecks checks = new HealthChecks(Tls.unverified(), "bench");
        try (CheckScheduler scheduler = new CheckScheduler(checks, maxConcurrent, (job, result) -> count(result, down))) {
            int n = targets.size();
            for (int i = 0; i < n; i++) {
                scheduler.start(new CheckScheduler.Job("r" + i, targets.get(i), Duration.ofSeconds(1)),
                        Duration.ofSeconds(1).multipliedBy(i).dividedBy(n));
            }
            Thread.sleep(Duration.ofSeconds(5));
            scheduler.lateness().reset();
            long checks0 = scheduler.completedChecks();
            long down0 = down.sum();
            long cpu0 = processCpuNanos();
            long serverCpu0 = cpuNanos(servers);
            long gc0 = gcMillis();
            long t0 = System.nanoTime();
            Thread.sleep(Duration.ofSeconds(seconds));
            long elapsed = System.nanoTime() - t0;
            long done = scheduler.completedChecks() - checks0;
            long cpuUsed = processCpuNanos() - cpu0;
            long gcUsed = gcMillis() - gc0;
            double cpu = cpuUsed * 100.0 / elapsed;
            double serverCpu = (cpuNanos(servers) - serverCpu0) * 100.0 / elapsed;
            System.out.printf("real servers: %d (%d addresses x %d ports), checkinterval=1, http negotiate%n",
                    n, addresses, ports);
            System.out.printf("checks/s: %.0f (target %d), failed: %d%n", done * 1e9 / elapsed, n,
                    down.sum() - down0);
            System.out.printf("checker JVM options: %s%n",
                    String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
            System.out.printf("checker CPU: %.0f%% of one core (%d cores), RSS: %d MB (peak %d MB)%n", cpu,
                    Runtime.getRuntime().availableProcessors(), status("VmRSS:") / 1024, status("VmHWM:") / 1024);
            System.out.printf("checker CPU per check: %.0f us (%.0f checks per CPU-second); GC pauses: %.1f%% of"
                            + " the time%n", cpuUsed / 1e3 / Math.max(1, done),
                    done * 1e9 / Math.max(1, cpuUsed), gcUsed * 1e8 / elapsed);
            System.out.printf("real servers' JVM (same machine) CPU: %.0f%% of one core%n", serverCpu);
            System.out.printf("lateness of check starts after warm-up: p50 %d ms, p99 %d ms, p99.9 %d ms (%d starts)%n",
                    scheduler.lateness().percentileMillis(0.5), scheduler.lateness().percentileMillis(0.99),
                    scheduler.lateness().percentileMillis(0.999), scheduler.lateness().count());
        }
    }

    private static void count(CheckResult result, LongAdder down) {
        if (!result.up()) {
            down.increment();
        }
    }

    private static String address(int i) {
        return BenchHttpServers.address(i);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long cpuNanos(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** A kB value of /proc/self/status ({@code VmRSS:} now, {@code VmHWM:} the peak). */
    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
