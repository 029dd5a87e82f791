package org.jheartbeat.agents.kernel.ipvs;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Programming rate and dump time of the IPVS client against ipvsadm, on the same table:
 * 100 TCP services with 100 direct-routing real servers each (10 100 objects).
 *
 * <p>Not a test: run it in a network namespace of its own on a kernel with IPVS, with
 * {@code ipvsadm} installed, e.g. through {@code it/kernel-lab/ipvs-benchmark}. Each round
 * programs the table and tears it down (100 service deletions) with jheartbeat, then with
 * {@code ipvsadm-restore} (flush + one {@code ipvsadm -R} reading the same rules), and dumps the
 * full table both ways, in five rounds (the first includes the JVM's warm-up); it prints each
 * round and the medians.
 */
public final class IpvsBenchmark {

    private static final int SERVICES = 100;
    private static final int SERVERS = 100;
    private static final int ROUNDS = 5;

    private IpvsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<IpvsService> services = new ArrayList<>();
        List<List<IpvsDestination>> servers = new ArrayList<>();
        StringBuilder rules = new StringBuilder();
        StringBuilder deletions = new StringBuilder();
        for (int s = 0; s < SERVICES; s++) {
            InetAddress vip = InetAddress.getByAddress(new byte[] {10, 10, 0, (byte) (s + 1)});
            services.add(IpvsService.of(new ServiceKey.Address(IpvsProtocol.TCP, vip, 80), "wlc"));
            rules.append("-A -t ").append(vip.getHostAddress()).append(":80 -s wlc\n");
            deletions.append("-D -t ").append(vip.getHostAddress()).append(":80\n");
            List<IpvsDestination> list = new ArrayList<>();
            for (int d = 0; d < SERVERS; d++) {
                InetAddress rip = InetAddress.getByAddress(new byte[] {10, 20, (byte) s, (byte) (d + 1)});
                list.add(IpvsDestination.of(rip, 80, ForwardMethod.ROUTE, 1));
                rules.append("-a -t ").append(vip.getHostAddress()).append(":80 -r ")
                        .append(rip.getHostAddress()).append(":80 -g -w 1\n");
            }
            servers.add(list);
        }
        Path ruleFile = Files.createTempFile("ipvs-bench-rules", ".txt");
        Path deleteFile = Files.createTempFile("ipvs-bench-delete", ".txt");
        Files.writeString(ruleFile, rules);
        Files.writeString(deleteFile, deletions);
        System.out.printf("table: %d services x %d real servers = %d real servers%n", SERVICES, SERVERS, SERVICES * SERVERS);
        List<long[]> jheartbeat = new ArrayList<>();
        List<long[]> ipvsadm = new ArrayList<>();
        try (Ipvs ipvs = Ipvs.open()) {
            ipvs.flush();
            for (int round = 1; round <= ROUNDS; round++) {
                // alternate who goes first, so neither always meets the kernel right after the other
                if (round % 2 == 1) {
                    jheartbeat.add(jheartbeatRound(ipvs, services, servers));
                    ipvsadm.add(ipvsadmRound(ruleFile, deleteFile));
                } else {
                    ipvsadm.add(ipvsadmRound(ruleFile, deleteFile));
                    jheartbeat.add(jheartbeatRound(ipvs, services, servers));
                }
                long[] j = jheartbeat.getLast();
                long[] a = ipvsadm.getLast();
                System.out.printf("round %d: program %s / teardown %s / dump %s (+ %s formatting) | ipvsadm-restore %s"
                                + " / ipvsadm -R teardown %s / ipvsadm -L -n %s%n", round,
                        ms(j[0]), ms(j[1]), ms(j[2]), ms(j[3]), ms(a[0]), ms(a[1]), ms(a[2]));
            }
        } finally {
            Files.deleteIfExists(ruleFile);
            Files.deleteIfExists(deleteFile);
        }
        long jProgram = median(jheartbeat, 0) + median(jheartbeat, 1);
        long aProgram = median(ipvsadm, 0) + median(ipvsadm, 1);
        System.out.printf("median of %d rounds: program+teardown jheartbeat %s, ipvsadm-restore %s (ratio %.2f);"
                        + " full dump jheartbeat %s (listing text %s more), ipvsadm -L -n %s (ratio %.2f)%n",
                ROUNDS, ms(jProgram), ms(aProgram), (double) jProgram / aProgram,
                ms(median(jheartbeat, 2)), ms(median(jheartbeat, 3)), ms(median(ipvsadm, 2)),
                (double) (median(jheartbeat, 2) + median(jheartbeat, 3)) / median(ipvsadm, 2));
    }

    /** Nanoseconds to program, tear down, dump, format. */
    private static long[] jheartbeatRound(Ipvs ipvs, List<IpvsService> services, List<List<IpvsDestination>> servers)
            throws IOException {
        long t0 = System.nanoTime();
        for (int s = 0; s < SERVICES; s++) {
            ipvs.addService(services.get(s));
            for (IpvsDestination d : servers.get(s)) {
                ipvs.addDestination(services.get(s).key(), d);
            }
        }
        long programmed = System.nanoTime();
        IpvsTable table = ipvs.table();
        long dumped = System.nanoTime();
        String listing = new IpvsListing(ListingStyle.DEFAULT).format(table);
        long formatted = System.nanoTime();
        for (IpvsService service : services) {
            ipvs.deleteService(service.key());
        }
        long removed = System.nanoTime();
        check(listing.lines().count() == 3 + SERVICES + SERVICES * SERVERS, "jheartbeat's listing has every line");
        return new long[] {programmed - t0, removed - formatted, dumped - programmed, formatted - dumped};
    }

    /** Nanoseconds to restore, tear down, list (the listing process includes its own start). */
    private static long[] ipvsadmRound(Path ruleFile, Path deleteFile) throws IOException, InterruptedException {
        long r0 = System.nanoTime();
        run(ruleFile, "ipvsadm-restore");
        long restored = System.nanoTime();
        String listing = run(null, "ipvsadm", "-L", "-n");
        long listed = System.nanoTime();
        run(deleteFile, "ipvsadm", "-R");
        long removed = System.nanoTime();
        check(listing.lines().count() == 3 + SERVICES + SERVICES * SERVERS, "ipvsadm's listing has every line");
        return new long[] {restored - r0, removed - listed, listed - restored};
    }

    private static long median(List<long[]> rounds, int column) {
        long[] values = rounds.stream().mapToLong(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    private static String ms(long nanos) {
        return String.format("%.0f ms", nanos / 1e6);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark check failed: " + what);
        }
    }

    private static String run(Path stdin, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue());
        }
        return out;
    }
}
