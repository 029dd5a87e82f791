package org.jheartbeat.agents.lvs.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's ldirectord (Perl) and the Java one side by side on the same ldirectord.cf, for a
 * ladder of sizes (not part of any test run). For each N: N real servers (127.1.x.y addresses
 * times ports, all served by {@link BenchHttpServers} in a child JVM), one file with
 * {@code checkinterval=1} and HTTP negotiate checks of every real, and each checker run on it
 * in turn. Both are measured from the outside and the same way: checks/s and lateness from what
 * the real servers saw ({@link ServerLog}: p99 lateness = p99 of the time between two checks of
 * one server, minus the 1 s interval), CPU and RSS of the checker's process from /proc.
 *
 * <p>The host has no IPVS, so neither checker programs a table. Perl ldirectord runs in a
 * private mount namespace where {@code ipvsadm} is a stub answering like an empty table (the
 * real one fails after a module-load attempt, which made Perl's start-up, a few ipvsadm runs
 * per real, take about 0.4 s per real here); with every real healthy it runs ipvsadm only in
 * its first round, so the checking measured is unchanged. The Java checker ({@link JavaChecker})
 * runs the daemon's checking without IPVS. Everything stays on loopback. Perl ldirectord runs
 * with {@code supervised=yes}: in the foreground, no pid file, no service; it is stopped by its
 * PID.
 *
 * <pre>java -cp ... LdirectordComparison [LADDER=100,300,1000,3000,10000] [SECONDS=20] [JAVA_OPTS...]</pre>
 * JAVA_OPTS are the checker JVM's options (default: the launcher's for the daemon,
 * {@code -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx192m}).
 */
public final class LdirectordComparison {

    private static final int BASE_PORT = 21_000;
    private static final Path PERL_LDIRECTORD = Path.of("/usr/sbin/ldirectord");
    private static final PrintStream OUT = System.out;

    private LdirectordComparison() {
    }

    /** One checker's numbers at one size. */
    record Row(int n, String checker, double checksPerSecond, double cpuPercent, long rssMb, long peakRssMb,
               String p99Lateness, String firstRound, String note) {

        /** CPU time per check in microseconds: what a check costs, however busy the machine was. */
        double cpuMicrosPerCheck() {
            return checksPerSecond <= 0 || cpuPercent < 0 ? -1 : cpuPercent / 100 / checksPerSecond * 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        List<Integer> ladder = new ArrayList<>();
        for (String n : (args.length > 0 ? args[0] : "100,300,1000,3000,10000").split(",")) {
            ladder.add(Integer.parseInt(n.strip()));
        }
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<String> javaOpts = args.length > 2 ? List.of(args).subList(2, args.length)
                : List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx192m");
        if (!Files.isExecutable(PERL_LDIRECTORD)) {
            throw new IllegalStateException(PERL_LDIRECTORD + " is missing: apt-get install --no-install-recommends"
                    + " ldirectord (and keep its service disabled)");
        }
        Path dir = Files.createTempDirectory("ldirectord-comparison");
        List<Row> rows = new ArrayList<>();
        String perlGaveUp = null;
        for (int n : ladder) {
            int addresses = Math.min(n, 100);
            if (n % addresses != 0) {
                throw new IllegalArgumentException("sizes above 100 must be multiples of 100: " + n);
            }
            int ports = n / addresses;
            Path config = writeConfig(dir.resolve("ldbench" + n + ".cf"), addresses, ports);
            Path stub = writeIpvsadmStub(dir.resolve("ipvsadm-stub"));
            try (Servers servers = Servers.start(addresses, ports)) {
                if (perlGaveUp == null) {
                    Row perl = measure(n, "perl ldirectord", servers, perlCommand(config, stub), dir, seconds);
                    rows.add(perl);
                    // Perl checks one real after the other and then sleeps checkinterval, so it never
                    // reaches N/s; past the size where a round takes over 10 s it only shows its ceiling.
                    if (perl.cpuPercent() < 0) {
                        perlGaveUp = "not run: at N=" + n + " it " + perl.note();
                    } else if (perl.checksPerSecond() < n / 10.0) {
                        perlGaveUp = "not run: at N=" + n + " a round took " + Math.round(n / perl.checksPerSecond())
                                + " s (" + Math.round(perl.checksPerSecond()) + " checks/s)";
                    }
                } else {
                    rows.add(new Row(n, "perl ldirectord", -1, -1, -1, -1, "-", "-", perlGaveUp));
                }
                rows.add(measure(n, "java ldirectord", servers, javaCommand(config, javaOpts), dir, seconds));
            }
            print(rows, seconds, javaOpts); // after every size, so a long run shows progress
        }
    }

    private static Path writeConfig(Path file, int addresses, int ports) throws IOException {
        List<String> lines = new ArrayList<>(List.of("checkinterval=1", "checktimeout=5", "quiescent=no",
                "autoreload=no", "supervised=yes"));
        for (int p = 0; p < ports; p++) {
            lines.add("virtual=10.0." + (p / 250) + "." + (p % 250 + 1) + ":80");
            lines.addAll(List.of("\tservice=http", "\trequest=\"check.html\"", "\treceive=\"OK\"",
                    "\tchecktype=negotiate"));
            for (int a = 0; a < addresses; a++) {
                lines.add("\treal=" + BenchHttpServers.address(a) + ":" + (BASE_PORT + p) + " masq");
            }
        }
        Files.write(file, lines);
        return file;
    }

    /** Perl ldirectord with {@code stub} mounted over ipvsadm in a mount namespace of its own (same PID). */
    private static List<String> perlCommand(Path config, Path stub) {
        return List.of("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                "mount --bind \"$0\" /usr/sbin/ipvsadm && exec \"$1\" \"$2\" start", stub.toString(),
                PERL_LDIRECTORD.toString(), config.toString());
    }

    private static Path writeIpvsadmStub(Path file) throws IOException {
        Files.writeString(file, String.join("\n", "#!/bin/sh",
                "# benchmark stub: answers like ipvsadm on an empty IPVS table, changes nothing",
                "case \" $* \" in *\" -L \"*|*\" -l \"*)",
                "  printf 'IP Virtual Server version 1.2.1 (size=4096)\\nProt LocalAddress:Port Scheduler Flags\\n"
                        + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\\n' ;;",
                "esac", "exit 0", ""));
        file.toFile().setExecutable(true);
        return file;
    }

    private static List<String> javaCommand(Path config, List<String> javaOpts) {
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(javaOpts);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                JavaChecker.class.getName(), config.toString()));
        return command;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs one checker on the servers: waits for its first full round, then measures a window. */
    private static Row measure(int n, String name, Servers servers, List<String> command, Path dir, int seconds)
            throws Exception {
        Path log = dir.resolve(name.replace(' ', '-') + "-" + n + ".log");
        Process checker = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long started = System.nanoTime();
            servers.command("start");
            // warm-up: every real checked once, then 3 s more; Perl first programs every real
            // (a few ipvsadm runs each, a quarter of a second per real on a busy 2-core host)
            long warmupCap = name.startsWith("perl") ? 60 + n : Math.max(60, n / 20);
            Map<String, String> r = servers.report();
            while (Long.parseLong(r.get("asked").split("/")[0]) < n) {
                if (!checker.isAlive()) {
                    throw new IllegalStateException(name + " exited " + checker.exitValue() + ", see " + log);
                }
                if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(warmupCap)) {
                    return new Row(n, name, Double.parseDouble(r.get("asks")) / Double.parseDouble(r.get("seconds")),
                            -1, -1, -1, "-", "> " + warmupCap + " s", "did not check every real within "
                            + warmupCap + " s (" + r.get("asked") + ")");
                }
                Thread.sleep(500);
                r = servers.report();
            }
            String firstRound = String.format("%.1f s", (System.nanoTime() - started) / 1e9);
            Thread.sleep(Duration.ofSeconds(3));
            long pid = checker.pid();
            long cpu0 = cpuTicks(pid);
            servers.command("start");
            long t0 = System.nanoTime();
            Thread.sleep(Duration.ofSeconds(seconds));
            r = servers.report();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double cpu = (cpuTicks(pid) - cpu0) / 100.0 / elapsed * 100;
            long asks = Long.parseLong(r.get("asks"));
            long p99 = Long.parseLong(r.get("gap_p99"));
            String lateness = p99 < 0 ? "> " + seconds + " s" : Math.max(0, p99 - 1000) + " ms";
            String note = r.get("asked").equals(n + "/" + n) ? "" : "only " + r.get("asked") + " reals checked in the window";
            return new Row(n, name, asks / elapsed, cpu, status(pid, "VmRSS:") / 1024, status(pid, "VmHWM:") / 1024,
                    lateness, firstRound, note);
        } finally {
            checker.destroy(); // SIGTERM to that PID only
            if (!checker.waitFor(5, TimeUnit.SECONDS)) {
                checker.destroyForcibly();
                checker.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void print(List<Row> rows, int seconds, List<String> javaOpts) {
        OUT.printf("%nldirectord.cf: checkinterval=1, checktimeout=5, HTTP negotiate, N reals on 127.1.x.y (100 addresses"
                + " x N/100 ports); %d s window after the first full round; Java checker JVM: %s; %d cores%n",
                seconds, String.join(" ", javaOpts), Runtime.getRuntime().availableProcessors());
        OUT.printf("load average at the end: %s%n", loadAverage());
        OUT.printf("%-6s %-16s %10s %8s %11s %8s %9s %14s %11s  %s%n", "N", "checker", "checks/s", "CPU %",
                "CPU/check", "RSS MB", "peak MB", "p99 lateness", "first round", "note");
        for (Row r : rows) {
            if (r.checksPerSecond() < 0) {
                OUT.printf("%-6d %-16s %10s %8s %11s %8s %9s %14s %11s  %s%n", r.n(), r.checker(), "-", "-", "-", "-",
                        "-", "-", "-", r.note());
            } else {
                OUT.printf("%-6d %-16s %10.0f %8s %11s %8s %9s %14s %11s  %s%n", r.n(), r.checker(),
                        r.checksPerSecond(), r.cpuPercent() < 0 ? "-" : String.format("%.0f", r.cpuPercent()),
                        r.cpuMicrosPerCheck() < 0 ? "-" : String.format("%.0f us", r.cpuMicrosPerCheck()),
                        r.rssMb() < 0 ? "-" : Long.toString(r.rssMb()),
                        r.peakRssMb() < 0 ? "-" : Long.toString(r.peakRssMb()), r.p99Lateness(), r.firstRound(),
                        r.note());
            }
        }
        OUT.flush();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** utime + stime + cutime + cstime of a process, in clock ticks (1/100 s). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state is field 3, so utime (14) .. cstime (17) are at 11..14 here
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** The real servers' child JVM in measure mode. */
    private static final class Servers implements AutoCloseable {
        private final Process process;
        private final BufferedReader in;

        private Servers(Process process) {
            this.process = process;
            this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        }

        static Servers start(int addresses, int ports) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(javaBinary(), "-XX:+UseSerialGC", "-Xmx256m", "-cp",
                    System.getProperty("java.class.path"), BenchHttpServers.class.getName(), Integer.toString(addresses),
                    Integer.toString(ports), Integer.toString(BASE_PORT), "measure")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Servers servers = new Servers(p);
            String ready = servers.in.readLine();
            if (!"ready".equals(ready)) {
                servers.close();
                throw new IllegalStateException("server process said: " + ready);
            }
            return servers;
        }

        void command(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            process.getOutputStream().flush();
        }

        /** {@code report} answered as key=value pairs. */
        Map<String, String> report() throws IOException {
            command("report");
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the server process ended");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String pair : line.split(" ")) {
                int eq = pair.indexOf('=');
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            return values;
        }

        @Override
        public void close() throws InterruptedException, IOException {
            process.getOutputStream().close(); // it exits when stdin closes
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
