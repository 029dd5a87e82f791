package org.jheartbeat.cli.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jheartbeat.cli.membership.NetnsLab;

/**
 * Two directors x1 and x2 on one bridge (eth0, 10.88.1.0/24), each with a home group:
 * {@code x1 TestRsc::alpha} and {@code x2 TestRsc::beta}. Short timers (100 ms keepalive,
 * 500 ms deadtime) keep every scenario to seconds.
 */
final class TwoDirectorLab implements AutoCloseable {

    static final String HARESOURCES = "x1 TestRsc::alpha\nx2 TestRsc::beta\n";
    static final Duration SOON = Duration.ofSeconds(30);

    final NetnsLab net;
    final Journal journal;
    final int bridge;
    private final Path dir;

    TwoDirectorLab(Path dir) throws IOException {
        this.dir = dir;
        this.net = new NetnsLab();
        this.journal = new Journal(dir.resolve("journal"));
        this.bridge = net.bridge();
        net.plug("x1", "eth0", bridge, 1);
        net.plug("x2", "eth0", bridge, 2);
    }

    static String haCf(String autoFailback) {
        return "keepalive 100ms\ndeadtime 500ms\nwarntime 300ms\ninitdead 2\nudpport 6950\ncrm off\n"
                + "auto_failback " + autoFailback + "\nbcast eth0\nnode x1 x2\n";
    }

    ClusterNode node(String name, String autoFailback, String... failing) throws IOException {
        return new ClusterNode(net, name, dir.resolve(name), haCf(autoFailback), HARESOURCES, journal.file(),
                List.of(failing));
    }

    static void awaitRsc(ClusterNode node, String status) {
        await().atMost(SOON).pollInterval(Duration.ofMillis(50)).until(() -> node.rscStatus().equals(status));
    }

    static void awaitRuns(ClusterNode node, String group) {
        await().atMost(SOON).pollInterval(Duration.ofMillis(20)).until(() -> node.runs(group));
    }

    static void awaitStopped(ClusterNode node, String group) {
        await().atMost(SOON).pollInterval(Duration.ofMillis(20)).until(() -> !node.runs(group));
    }

    @Override
    public void close() {
        net.close();
    }
}
