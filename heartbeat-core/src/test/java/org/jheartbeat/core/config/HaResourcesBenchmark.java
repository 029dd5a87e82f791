package org.jheartbeat.core.config;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints how long reading and parsing a 5 MB haresources takes (not a test: run it by hand,
 * {@code java -cp heartbeat-core/target/classes:heartbeat-core/target/test-classes
 * org.jheartbeat.core.config.HaResourcesBenchmark [megabytes]}).
 */
public final class HaResourcesBenchmark {

    private static final int ROUNDS = 10;

    private HaResourcesBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path file = Files.createTempFile("haresources-benchmark", "");
        try {
            Files.writeString(file, content(megabytes * 1024 * 1024), StandardCharsets.UTF_8);
            System.out.printf("file: %d bytes; system load average %.1f on %d processors%n", Files.size(file),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int round = 1; round <= ROUNDS; round++) {
                Problems problems = new Problems();
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                HaResources resources = HaResourcesParser.read(file, problems).orElseThrow();
                long wall = System.nanoTime() - start;
                long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
                System.out.printf("round %2d: read + parse %7.1f ms wall, %7.1f ms CPU of this thread;"
                                + " %d groups, %d problems%n",
                        round, wall / 1e6, cpu / 1e6, resources.groups().size(), problems.list().size());
            }
        } finally {
            Files.delete(file);
        }
    }

    /** Groups like the tutorials', with comments, tabs and continuations, up to {@code bytes}. */
    private static String content(int bytes) {
        StringBuilder text = new StringBuilder(bytes + 200);
        for (int i = 0; text.length() < bytes; i++) {
            String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            if (i % 5 == 0) {
                text.append("# group ").append(i).append(": VIP, ldirectord and the sync daemon\n");
            }
            text.append(i % 2 == 0 ? "loadb1" : "LoadB2").append('\t')
                    .append("IPaddr2::").append(address).append("/24/eth0/10.255.255.255")
                    .append(i % 3 == 0 ? " \\\n      " : "  ")
                    .append("ldirectord::ldirectord-").append(i).append(".cf LVSSyncDaemonSwap::master")
                    // A comment on a continued line would be an error (see HaResourcesLines).
                    .append(i % 7 == 0 && i % 3 != 0 ? "   # trailing comment\n" : "\n");
        }
        return text.toString();
    }
}
