package org.jheartbeat.cli.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jheartbeat.cli.membership.NetnsLab;

/**
 * Failover side by side: jheartbeat, Debian's heartbeat 3.0.6 and keepalived 2.2.7 on the same
 * topology ({@link CompareLab}), measured by the same poller, in one run; prints one table. Not a
 * test: run it by hand, as root, after {@code ./build} and
 * {@code apt-get install --no-install-recommends heartbeat keepalived} (with their services
 * left stopped and disabled; nothing here touches the host's /etc/ha.d or interfaces).
 *
 * <pre>
 * cd cli && ../mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java --enable-native-access=ALL-UNNAMED \
 *     -cp "target/jheartbeat/lib/*:target/test-classes:$(cat target/test.classpath)" \
 *     org.jheartbeat.cli.compare.FailoverComparison [-n ROUNDS] [--timers fast|classic|all]
 *     [--only jheartbeat,heartbeat,keepalived,keepalived-rfc] [--probe-ms 1..5]
 * </pre>
 *
 * {@code keepalived} runs with heartbeat's two timers ({@link VrrpTimers#MATCHED}),
 * {@code keepalived-rfc} with the RFC's one ({@link VrrpTimers#RFC}). Rounds per cell default
 * to 10. A round is two faults, each followed by a restart of d1 and its failback, and a
 * hand-over and back: about a minute with 1 s/10 s timers, 10 to 40 s with 100 ms/500 ms
 * (restarts dominate). On a quiet 2-core machine 15 rounds of all four at 100 ms/500 ms took
 * 12 minutes, 10 rounds of jheartbeat and heartbeat at 1 s/10 s 15 minutes.
 */
public final class FailoverComparison {

    private FailoverComparison() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 10;
        String timerChoice = "all";
        String only = "jheartbeat,heartbeat,keepalived,keepalived-rfc";
        int probeMillis = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-n" -> rounds = Integer.parseInt(args[++i]);
                case "--timers" -> timerChoice = args[++i];
                case "--only" -> only = args[++i];
                case "--probe-ms" -> probeMillis = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use -n ROUNDS, --timers fast|classic|all, --only LIST, --probe-ms N)");
            }
        }
        if (rounds < 1 || probeMillis < 1 || probeMillis > 5) {
            throw new IllegalArgumentException("-n must be at least 1 and --probe-ms 1 to 5");
        }
        if (!NetnsLab.isRoot()) {
            throw new IllegalStateException("run as root: the benchmark creates network namespaces");
        }
        List<Timers> timers = switch (timerChoice) {
            case "fast" -> List.of(Timers.FAST);
            case "classic" -> List.of(Timers.CLASSIC);
            case "all" -> List.of(Timers.FAST, Timers.CLASSIC);
            default -> throw new IllegalArgumentException("--timers fast, classic or all, not " + timerChoice);
        };
        List<Contender> contenders = new ArrayList<>();
        for (String name : only.split(",")) {
            contenders.add(switch (name.strip()) {
                case "jheartbeat" -> new JheartbeatContender();
                case "heartbeat" -> new Heartbeat306Contender();
                case "keepalived" -> new KeepalivedContender(VrrpTimers.MATCHED);
                case "keepalived-rfc" -> new KeepalivedContender(VrrpTimers.RFC);
                default -> throw new IllegalArgumentException("--only takes jheartbeat, heartbeat, keepalived,"
                        + " keepalived-rfc: " + name);
            });
        }
        ResultTable table = new ResultTable(contenders.stream().map(Contender::name).toList(), timers);
        Path dir = Files.createTempDirectory("jhb-compare");
        String loadBefore = load();
        long started = System.nanoTime();
        for (Timers t : timers) {
            for (Contender c : contenders) {
                System.out.println(c.name() + ", " + t.label() + ":");
                CellRun.run(c, t, rounds, probeMillis * 1000L, dir.resolve(c.name().replace(' ', '-') + "-"
                        + t.label().replace('/', '-')), table);
            }
        }
        List<String> footnotes = new ArrayList<>();
        footnotes.add("scenarios: kill -9 = SIGKILL to every daemon process on the active director (its VIP"
                + " stays, as after a crash); link down = its eth0 set down; fault/request -> first answer from the"
                + " survivor to the client's probes (every " + probeMillis + " ms) sent to the VIP;");
        footnotes.add("  gap = last answer from the giver to first answer from the taker; GARP = first"
                + " gratuitous ARP for the VIP from the survivor's MAC seen by the client;");
        footnotes.add("  last packet = the last broadcast/multicast packet (heartbeat, VRRP advert) from the failed"
                + " director the client received: dead time + reaction, whatever the fault's moment in the cycle;");
        footnotes.add("  answers, GARP and last packet are timed by the client's kernel (receive timestamps), not by when"
                + " the client's threads got to read them.");
        contenders.stream().map(c -> "switch-over, " + c.handOverMeaning()).distinct().forEach(footnotes::add);
        for (VrrpTimers mapping : VrrpTimers.values()) {
            footnotes.add(mapping.describe());
        }
        footnotes.add(String.format(Locale.ROOT, "load average before: %s, after: %s; run took %.1f min; logs in %s",
                loadBefore, load(), (System.nanoTime() - started) / 60e9, dir));
        System.out.println();
        table.print(System.out, "Failover comparison, " + rounds + " rounds per cell", footnotes);
    }

    private static String load() throws java.io.IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }
}
