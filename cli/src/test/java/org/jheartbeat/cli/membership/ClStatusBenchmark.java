package org.jheartbeat.cli.membership;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * Wall time of {@code cl_status hbstatus} as a script sees it: from starting the command to its
 * exit, JVM start included, against a real daemon in a network namespace. Prints median, p95
 * and max of the wall time, and the median CPU time (user + system, from /usr/bin/time when
 * present: it does not grow with the machine's load the way wall time does) for the
 * distribution's launcher (AOT cache, interpreter only), for a plain
 * {@code java -cp lib/*} start of the same class as the baseline, and for Heartbeat's C
 * cl_status when it is installed. Also prints the load average: on a busy machine every
 * number grows with it.
 * Needs root and the built distribution (with its AOT cache: {@code ./build}). Not part of any
 * test run; start it with
 * <pre>
 *   ./build
 *   cd cli &amp;&amp; java --enable-native-access=ALL-UNNAMED \
 *       -cp "target/jheartbeat/lib/*:target/test-classes:$AWAITILITY_JAR:$HAMCREST_JAR" \
 *       org.jheartbeat.cli.membership.ClStatusBenchmark [N] [--realtime]
 * </pre>
 * with the two jars from the local Maven repository (org/awaitility/awaitility, org/hamcrest/hamcrest);
 * default N = 30, after 3 unmeasured runs. {@code --realtime} runs each measured command under
 * {@code chrt -f 10} (SCHED_FIFO): on a machine shared with other busy work this approximates an
 * idle machine, since the command no longer waits for a CPU.
 */
public final class ClStatusBenchmark {

    private ClStatusBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        boolean realtime = List.of(args).contains("--realtime");
        Path dir = Files.createTempDirectory("jheartbeat-clstatus-bench");
        try (NetnsLab lab = new NetnsLab()) {
            int b = lab.bridge();
            lab.plug("x1", "eth0", b, 1);
            HeartbeatNode x1 = new HeartbeatNode(lab, "x1", dir.resolve("x1"),
                    MembershipNetnsTest.TIMERS + "bcast eth0\nnode x1 x2\n", MembershipNetnsTest.KEY).start();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> x1.status().isPresent());
            Path run = dir.resolve("x1/run");
            Path home = HeartbeatNode.LAUNCHER.getParent().getParent();
            System.out.printf("load average before: %s", Files.readString(Path.of("/proc/loadavg")));
            System.out.printf("%-44s %4s %8s %8s %8s %8s   (ms, cl_status hbstatus)%n", "how", "n", "median",
                    "p95", "max", "cpu");
            System.out.println(realtime ? "each command runs under chrt -f 10 (SCHED_FIFO)" : "normal scheduling");
            measure("bin/cl_status (launcher, AOT cache, -Xint)", n, run, realtime,
                    List.of(home.resolve("bin/cl_status").toString(), "hbstatus"));
            String java = ProcessHandle.current().info().command().orElse("java");
            measure("java -cp lib/* (no AOT, default JVM flags)", n, run, realtime,
                    List.of(java, "-cp", home.resolve("lib") + "/*", "org.jheartbeat.cli.ClStatusCommand", "hbstatus"));
            Path c = Path.of("/usr/bin/cl_status");
            if (Files.isExecutable(c)) {
                measure("Heartbeat's C cl_status (its own daemon)", n, run, realtime, List.of(c.toString(), "hbstatus"));
            } else {
                System.out.println("Heartbeat's C cl_status: not installed here (/usr/bin/cl_status), not measured");
            }
            System.out.printf("load average after:  %s", Files.readString(Path.of("/proc/loadavg")));
        }
    }

    private static void measure(String label, int n, Path runDirectory, boolean realtime, List<String> command)
            throws Exception {
        Path time = Path.of("/usr/bin/time");
        Path cpuFile = Files.createTempFile("clstatus-bench", ".cpu");
        List<Long> micros = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        try {
            for (int i = -3; i < n; i++) {
                List<String> timed = new ArrayList<>();
                if (Files.isExecutable(time)) {
                    timed.addAll(List.of(time.toString(), "-o", cpuFile.toString(), "-f", "%U %S"));
                }
                if (realtime) {
                    timed.addAll(List.of("chrt", "-f", "10"));
                }
                timed.addAll(command);
                ProcessBuilder builder = new ProcessBuilder(timed).redirectOutput(new File("/dev/null"))
                        .redirectError(new File("/dev/null"));
                builder.environment().put("JHEARTBEAT_RUN_DIR", runDirectory.toString());
                long start = System.nanoTime();
                Process p = builder.start();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(label + ": did not end");
                }
                long took = (System.nanoTime() - start) / 1000;
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(label + ": exit " + p.exitValue());
                }
                if (i >= 0) {
                    micros.add(took);
                    if (Files.isExecutable(time)) {
                        String[] userSystem = Files.readString(cpuFile).strip().split(" ");
                        cpu.add((Double.parseDouble(userSystem[0]) + Double.parseDouble(userSystem[1])) * 1000);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(cpuFile);
        }
        micros.sort(null);
        cpu.sort(null);
        System.out.printf(Locale.ROOT, "%-44s %4d %8.1f %8.1f %8.1f %8s%n", label, n, ms(micros.get(n / 2)),
                ms(micros.get((int) Math.ceil(n * 0.95) - 1)), ms(micros.get(n - 1)),
                cpu.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f", cpu.get(n / 2)));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
