package org.jheartbeat.cli.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jheartbeat.cli.membership.NetnsLab;
import org.junit.jupiter.api.Assumptions;

/**
 * Two directors x1 and x2 on one bridge (eth0, 10.88.1.0/24), each with a home group:
 * {@code x1 TestRsc::alpha} and {@code x2 TestRsc::beta}. Short timers (200 ms keepalive,
 * 1 s deadtime, long enough for a loaded test machine) keep every scenario to seconds.
 */
final class TwoDirectorLab implements AutoCloseable {

    static final String HARESOURCES = "x1 TestRsc::alpha\nx2 TestRsc::beta\n";
    static final Duration SOON = Duration.ofSeconds(30);

    final NetnsLab net;
    final Journal journal;
    final int bridge;
    private final Path dir;

    /** keepalive, deadtime, warntime and initdead lines of ha.cf. */
    private final String timers;

    /** A lab for a test, which is skipped when it cannot have one (not root, or no build). */
    static TwoDirectorLab openOrSkip(Path dir) throws IOException {
        Assumptions.assumeTrue(NetnsLab.isRoot(), "needs root to create network namespaces");
        Assumptions.assumeTrue(Files.isExecutable(ClusterNode.LAUNCHER),
                "needs the built distribution");
        return new TwoDirectorLab(dir);
    }

    TwoDirectorLab(Path dir) throws IOException {
        this(dir, "keepalive 200ms\ndeadtime 1\nwarntime 500ms\ninitdead 4\n");
    }

    TwoDirectorLab(Path dir, String timers) throws IOException {
        this.dir = dir;
        this.timers = timers;
        this.net = new NetnsLab();
        this.journal = new Journal(dir.resolve("journal"));
        this.bridge = net.bridge();
        net.plug("x1", "eth0", bridge, 1);
        net.plug("x2", "eth0", bridge, 2);
    }

    private String extraMedia = "";

    /** Adds a second medium: eth1 on its own bridge (10.88.2.0/24), ucast to the other node. */
    void addUcastMedium() throws IOException {
        int second = net.bridge();
        net.plug("x1", "eth1", second, 1);
        net.plug("x2", "eth1", second, 2);
        extraMedia = "ucast eth1 10.88." + second + ".1\nucast eth1 10.88." + second + ".2\n";
    }

    private String nodeLine = "node x1 x2\n";

    /** Adds a third director, x3, beside x1 and x2 on eth0; every ha.cf made from now on names all three. */
    void addThirdDirector() throws IOException {
        net.plug("x3", "eth0", bridge, 3);
        nodeLine = "node x1 x2 x3\n";
    }

    private String extraLines = "";

    /**
     * Adds a ping node both directors reach on their eth1 (its own bridge, 10.88.B.0/24): a
     * namespace {@code pn} answering ICMP echo at 10.88.B.254, declared with {@code ping},
     * {@code deadping} and {@code respawn hacluster /usr/lib/heartbeat/ipfail} in ha.cf.
     *
     * @return the ping node's address
     */
    String addPingNodeWithIpfail(String deadping) throws IOException {
        int pingBridge = net.bridge();
        net.plug("x1", "eth1", pingBridge, 1);
        net.plug("x2", "eth1", pingBridge, 2);
        String address = net.plug("pn", "eth0", pingBridge, 254);
        extraLines += "ping " + address + "\ndeadping " + deadping + "\nrespawn hacluster /usr/lib/heartbeat/ipfail\n";
        return address;
    }

    String haCf(String autoFailback) {
        return timers + "udpport 6950\ncrm off\nauto_failback " + autoFailback + "\nbcast eth0\n" + extraMedia
                + nodeLine + extraLines;
    }

    private final List<ClusterNode> nodes = new java.util.ArrayList<>();

    ClusterNode node(String name, String autoFailback, String... failing) throws IOException {
        return node(name, autoFailback, HARESOURCES, List.of(failing));
    }

    /** A node with its own haresources instead of the lab's two groups. */
    ClusterNode nodeWithResources(String name, String autoFailback, String haresources) throws IOException {
        return node(name, autoFailback, haresources, List.of());
    }

    private ClusterNode node(String name, String autoFailback, String haresources, List<String> failing)
            throws IOException {
        ClusterNode node = new ClusterNode(net, name, dir.resolve(name), haCf(autoFailback), haresources,
                journal.file(), failing);
        nodes.add(node);
        return node;
    }

    /** The two directors of a test. */
    record Directors(ClusterNode x1, ClusterNode x2) {
    }

    /** x1 alone takes everything after initdead; then x2 joins (deterministic, unlike starting both at once). */
    Directors x1ThenX2(String autoFailback) throws IOException {
        ClusterNode x1 = node("x1", autoFailback).start();
        awaitRsc(x1, "all");
        return new Directors(x1, node("x2", autoFailback).start());
    }

    /** Every node's log, for a failure message. */
    String logs() throws IOException {
        StringBuilder text = new StringBuilder();
        for (ClusterNode node : nodes) {
            text.append("\n==== ").append(node.name()).append(" log\n").append(node.logText());
            text.append("\n==== ").append(node.name()).append(" stderr\n").append(node.stderrText());
        }
        return text.toString();
    }

    void awaitRsc(ClusterNode node, String status) throws IOException {
        awaitThat(node.name() + " rscstatus " + status, () -> node.rscStatus().equals(status));
    }

    void awaitRuns(ClusterNode node, String group) throws IOException {
        awaitThat(node.name() + " runs " + group, () -> node.runs(group));
    }

    void awaitStopped(ClusterNode node, String group) throws IOException {
        awaitThat(node.name() + " stopped " + group, () -> !node.runs(group));
    }

    /** Waits for a condition; when it does not come, fails with every node's log. */
    void awaitThat(String what, java.util.concurrent.Callable<Boolean> condition) throws IOException {
        try {
            await().atMost(SOON).pollInterval(Duration.ofMillis(20)).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not within " + SOON.toSeconds() + " s: " + what + logs(), e);
        }
    }

    @Override
    public void close() {
        net.close();
    }
}
