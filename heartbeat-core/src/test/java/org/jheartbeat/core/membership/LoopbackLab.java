package org.jheartbeat.core.membership;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jgroups.JChannel;
import org.jheartbeat.core.config.Timers;

/**
 * What the channel tests on loopback addresses share: the addresses, a port of their own, and
 * the channels and heartbeat schedules one test opened, closed after it.
 */
final class LoopbackLab implements AutoCloseable {

    /** keepalive 50 ms, deadtime 500 ms, as the schedule below sends. */
    static final Timers TIMERS = new Timers(Duration.ofMillis(50), Duration.ofMillis(500),
            Duration.ofMillis(250), Duration.ofMillis(5000), Duration.ofMillis(500));
    static final InetAddress A = address("127.0.0.1");
    static final InetAddress B = address("127.0.0.2");
    /** An address no channel binds: a socket there sees what a node puts on the wire. */
    static final InetAddress TAP = address("127.0.0.3");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> open = new ArrayList<>();

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port per test JVM (each test class adds its own offset), so parallel builds do not meet. */
    static int port(int offset) {
        return 30000 + (int) ((ProcessHandle.current().pid() + offset) % 20000);
    }

    /** Connects {@code channel} under {@code name}; closed with the lab. */
    JChannel connect(JChannel channel, String name) throws Exception {
        channel.setName(name);
        channel.connect(MediumChannel.CLUSTER);
        open.add(channel);
        return channel;
    }

    /** Sends "up" status packets on {@code heartbeat} every 50 ms until the lab closes. */
    void sendStatusEvery50Ms(HeartbeatProtocol heartbeat) {
        timer.scheduleAtFixedRate(() -> {
            try {
                heartbeat.sendStatus(NodeStatus.UP, 500);
            } catch (RuntimeException e) {
                e.printStackTrace(); // an exception would silently cancel the schedule
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        timer.shutdownNow();
        for (AutoCloseable c : open) {
            c.close();
        }
    }
}
