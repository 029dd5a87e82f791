package org.jheartbeat.cli.seeds;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jheartbeat.agents.testing.InNamespace;
import org.jheartbeat.agents.testing.KernelLab;
import org.jheartbeat.agents.testing.Namespace;
import org.jheartbeat.agents.testing.NetnsLab;
import org.junit.jupiter.api.Assumptions;

/**
 * The machines of one seed setup, each a network namespace: switches ("lan" for clients, real
 * servers and the VIP; "link" for a private cable between the directors), directors running
 * the real daemon, web servers. {@link #close} kills the daemons it started (by PID), stops the
 * web servers and deletes every namespace, also after a failure.
 */
final class SeedLab implements AutoCloseable {

    /** Generous: the lab emulates its CPU, and several JVMs share two of them. */
    static final Duration PATIENCE = Duration.ofSeconds(300);

    private final NetnsLab lab;
    private final Path dir;
    private final Map<String, Namespace> switches = new LinkedHashMap<>();
    private final List<SeedDirector> directors = new ArrayList<>();
    private final List<WebServer> servers = new ArrayList<>();

    private final long created = System.nanoTime();

    private SeedLab(NetnsLab lab, Path dir) {
        this.lab = lab;
        this.dir = dir;
    }

    /**
     * A lab in the kernel lab's VM; elsewhere the test is skipped (or fails under -Pkernel-lab).
     * The directors' files go to the VM's scratch tmpfs when there is one: the shared 9p file
     * system cannot hold the daemons' UNIX control sockets.
     */
    static SeedLab open(Path dir) throws IOException {
        KernelLab.requireIpvsKernel();
        Assumptions.assumeTrue(Files.isExecutable(SeedDirector.LAUNCHER),
                "needs the built distribution " + SeedDirector.LAUNCHER);
        String scratch = System.getenv("KERNEL_LAB_SCRATCH");
        Path base = scratch == null || scratch.isBlank() ? dir
                : Files.createTempDirectory(Path.of(scratch), "seed-");
        return new SeedLab(NetnsLab.create(), base);
    }

    /** A machine; {@code cables} are {@code "eth0=lan=10.3.0.1/24"}: interface, switch, address. */
    Namespace host(String name, String... cables) throws Exception {
        Namespace host = lab.namespace(name);
        for (String cable : cables) {
            String[] f = cable.split("=");
            Namespace sw = switches.get(f[1]);
            if (sw == null) {
                sw = lab.switchNamespace(f[1]);
                switches.put(f[1], sw);
            }
            lab.plug(host, f[0], sw);
            host.ip("addr", "add", f[2], "brd", "+", "dev", f[0]);
        }
        return host;
    }

    /** A web server that this lab stops at the end. */
    WebServer webServer(Namespace host, String name, String checkPath, String checkText) throws Exception {
        WebServer server = new WebServer(host, name, checkPath, checkText).start();
        servers.add(server);
        return server;
    }

    /** How a real server of LVS-DR is set up: the VIP on lo, and ARP for it neither answered nor used. */
    static void vipOnLoopback(Namespace host, String vip) throws Exception {
        InNamespace.run(host, "sysctl", "-qw", "net.ipv4.conf.all.arp_ignore=1", "net.ipv4.conf.all.arp_announce=2",
                "net.ipv4.conf.eth0.arp_ignore=1", "net.ipv4.conf.eth0.arp_announce=2");
        host.ip("addr", "add", vip + "/32", "dev", "lo");
    }

    SeedDirector director(Namespace host, String node, String seed) throws IOException {
        SeedDirector director = new SeedDirector(host, node, seed, dir.resolve(node));
        directors.add(director);
        return director;
    }

    /** Prints how far a scenario got, for the lab's timing report. */
    void phase(String seed, String what) {
        System.out.printf("seed %s: %6d ms  %s%n", seed, (System.nanoTime() - created) / 1_000_000, what);
    }

    /** The machine is gone: its daemon killed with SIGKILL and its cables dead. */
    static void pullThePlug(SeedDirector director, String... interfaces) throws Exception {
        director.kill9();
        for (String nic : interfaces) {
            director.namespace().ip("link", "set", nic, "down");
        }
    }

    /** {@code ipvsadm -L -n} in a machine. */
    static String ipvsadm(Namespace host) throws IOException {
        return InNamespace.run(host, "ipvsadm", "-L", "-n");
    }

    /** IPv4 addresses of an interface, one {@code ip -o} line each. */
    static String addresses(Namespace host, String nic) throws Exception {
        return host.ip("-4", "-o", "addr", "show", "dev", nic);
    }

    /** Waits for a condition; when it does not come, fails with every director's log. */
    void awaitThat(String what, Callable<Boolean> condition) throws IOException {
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not within " + PATIENCE.toSeconds() + " s: " + what + logs(), e);
        }
    }

    /**
     * Probes the service every 20 ms from {@code source} until {@code answered} accepts an
     * answer; returns the time from {@code sinceNanos} (System.nanoTime) to that answer.
     */
    Duration awaitService(WebClient client, String source, java.util.function.Predicate<String> answered,
                          long sinceNanos, String what) throws IOException {
        long[] at = {0};
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
                boolean ok = client.probe(source, 200).filter(answered).isPresent();
                if (ok) {
                    at[0] = System.nanoTime();
                }
                return ok;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not within " + PATIENCE.toSeconds() + " s: " + what + logs(), e);
        }
        return Duration.ofNanos(at[0] - sinceNanos);
    }

    void awaitRsc(SeedDirector director, String status) throws IOException {
        awaitThat(director.node() + " rscstatus " + status, () -> director.rscStatus().equals(status));
    }

    /**
     * Waits until {@code active} holds the VIP on {@code nic} and {@code other} does not, and
     * neither is in transition; returns both rscstatus words ("active/other").
     */
    String awaitHolder(SeedDirector active, SeedDirector other, String vip, String nic) throws IOException {
        awaitThat(active.node() + " holds " + vip + " on " + nic + ", " + other.node() + " does not (rscstatus now "
                + active.rscStatus() + "/" + other.rscStatus() + ")", () ->
                addresses(active.namespace(), nic).contains(" " + vip + "/")
                        && !addresses(other.namespace(), nic).contains(" " + vip + "/")
                        && settled(active.rscStatus()) && settled(other.rscStatus()));
        return active.rscStatus() + "/" + other.rscStatus();
    }

    private static boolean settled(String rscStatus) {
        return !rscStatus.isEmpty() && !rscStatus.equals("transition");
    }

    String logs() throws IOException {
        StringBuilder text = new StringBuilder();
        for (SeedDirector director : directors) {
            text.append(director.logs());
        }
        return text.toString();
    }

    @Override
    public void close() throws Exception {
        try {
            for (SeedDirector director : directors) {
                director.killIfRunning();
            }
            WebServer.closeAll(servers);
        } finally {
            lab.close();
        }
    }
}
