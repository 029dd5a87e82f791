package org.jheartbeat.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints how fast ha.cf is parsed: a typical file, a large valid one, and a file of hostile lines.
 * Not a test; run it by hand: {@code java -cp heartbeat-core/target/classes:heartbeat-core/target/test-classes
 * org.jheartbeat.core.config.HaCfParseBenchmark}.
 */
public final class HaCfParseBenchmark {

    private HaCfParseBenchmark() {
    }

    public static void main(String[] args) {
        List<String> typical = List.of("logfacility local0", "logfile /var/log/ha-log", "keepalive 2", "deadtime 10",
                "warntime 5", "initdead 60", "udpport 694", "ucast eth1 10.0.0.2", "bcast eth0",
                "mcast eth2 239.0.0.1 694 1 0", "auto_failback on", "node loadb1 loadb2", "ping 10.0.0.254",
                "respawn hacluster /usr/lib/heartbeat/ipfail", "apiauth ipfail gid=haclient uid=hacluster", "crm off");
        List<String> large = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            large.add("# comment line " + i);
            large.add("keepalive " + (1 + i % 3) + "   # trailing comment");
            large.add("apiauth client" + i + " uid=root,hacluster gid=haclient");
        }
        large.addAll(typical);
        List<String> hostile = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            hostile.add("Keepalive " + "x,".repeat(2000));
            hostile.add("node " + "n ".repeat(2500));
        }
        run("typical ha.cf (16 lines)", typical, 20_000);
        run("large ha.cf (60k lines)", large, 5);
        run("hostile ha.cf (4k lines of 5 KB)", hostile, 5);
    }

    private static void run(String name, List<String> lines, int rounds) {
        List<ConfigLine> configLines = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < lines.size(); i++) {
            configLines.add(new ConfigLine(i + 1, lines.get(i)));
            bytes += lines.get(i).length() + 1;
        }
        ConfigText text = new ConfigText(Path.of("ha.cf"), configLines);
        for (int i = 0; i < Math.max(1, rounds / 5); i++) {
            HaCfParser.parse(text, new Problems(), HaCfTesting.HOST);
        }
        long start = System.nanoTime();
        int problems = 0;
        for (int i = 0; i < rounds; i++) {
            Problems p = new Problems();
            HaCfParser.parse(text, p, HaCfTesting.HOST);
            problems = p.list().size();
        }
        double micros = (System.nanoTime() - start) / 1000.0 / rounds;
        System.out.printf("%-36s %10.1f us/parse  %8.1f MB/s  (%d problems)%n", name, micros,
                bytes / micros, problems);
    }
}
