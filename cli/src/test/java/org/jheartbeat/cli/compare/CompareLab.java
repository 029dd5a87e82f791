package org.jheartbeat.cli.compare;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jheartbeat.agents.kernel.ErrnoException;
import org.jheartbeat.agents.kernel.Libc;
import org.jheartbeat.agents.kernel.MacAddress;
import org.jheartbeat.agents.kernel.NetworkNamespace;
import org.jheartbeat.agents.testing.ArpCapture;
import org.jheartbeat.agents.testing.Namespace;
import org.jheartbeat.cli.membership.NetnsLab;

/**
 * The topology every contender runs on: directors d1 and d2 and a client on one bridge
 * (10.88.1.0/24), the VIP 10.88.1.100 served by a {@link VipResponder} on each director, the
 * client's {@link VipPoller}, and a capture of the ARP frames the client receives. Closing it
 * kills every process left in the directors' namespaces (all started by this lab's contender)
 * and deletes the namespaces.
 */
final class CompareLab implements AutoCloseable {

    static final int SERVICE_PORT = 7070;
    private static final int SIGKILL = 9;
    private static final int SIGSTOP = 19;
    private static final Pattern ETHER = Pattern.compile("link/ether (\\S+)");

    final NetnsLab net;
    final Director d1;
    final Director d2;
    final String vip;
    final VipPoller poller;
    private final ArpCapture arp;
    private final PeerPacketCapture peerPackets;
    private final List<AutoCloseable> closeLast = new ArrayList<>();
    private final Map<String, OutputStream> linkControl;
    /** The lab's own helpers inside the directors' namespaces, which no fault kills. */
    private final java.util.Set<Long> helpers = java.util.concurrent.ConcurrentHashMap.newKeySet();

    CompareLab(Path dir, long pollIntervalMicros) throws Exception {
        net = new NetnsLab();
        try {
            int bridge = net.bridge();
            vip = "10.88." + bridge + ".100";
            d1 = director(dir, "d1", net.plug("d1", "eth0", bridge, 1));
            d2 = director(dir, "d2", net.plug("d2", "eth0", bridge, 2));
            net.plug("cl", "eth0", bridge, 10);
            InetSocketAddress service = new InetSocketAddress(InetAddress.getByName(vip), SERVICE_PORT);
            for (Director d : List.of(d1, d2)) {
                // lets the responder bind the VIP before (and while) the director does not hold it
                NetnsLab.run("ip", "netns", "exec", d.namespace(), "sysctl", "-q", "-w", "net.ipv4.ip_nonlocal_bind=1");
                NetworkNamespace thread = NetworkNamespace.enter(d.namespace());
                closeLast.add(thread);
                closeLast.add(VipResponder.start(thread, d.name(), service));
            }
            NetworkNamespace client = NetworkNamespace.enter(net.namespace("cl"));
            closeLast.add(client);
            arp = ArpCapture.start(new Namespace(net.namespace("cl"), client), "eth0");
            peerPackets = PeerPacketCapture.start(client, "eth0");
            closeLast.add(peerPackets);
            poller = VipPoller.start(client, service, pollIntervalMicros, List.of(d1.name(), d2.name()));
            // `ip -batch` reads commands as they come: a link change then costs one write, not
            // the start of a process, so the fault happens when the clock says it does
            linkControl = Map.of(d1.name(), linkControl(d1), d2.name(), linkControl(d2));
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private Director director(Path dir, String name, String address) throws IOException {
        String ns = net.namespace(name);
        Matcher mac = ETHER.matcher(NetnsLab.run("ip", "-n", ns, "-o", "link", "show", "eth0"));
        if (!mac.find()) {
            throw new IOException("no MAC on " + name + " eth0");
        }
        Path home = dir.resolve(name);
        Files.createDirectories(home);
        return new Director(name, ns, address, mac.group(1), home);
    }

    private OutputStream linkControl(Director d) throws IOException {
        Process ip = net.own(new ProcessBuilder("ip", "-force", "-n", d.namespace(), "-batch", "-")
                .redirectErrorStream(true).redirectOutput(d.home().resolve("ip-batch.out").toFile()).start());
        helpers.add(ip.pid()); // `ip -n` moves itself into the namespace
        return ip.getOutputStream();
    }

    Director peer(Director d) {
        return d == d1 ? d2 : d1;
    }

    /** Takes eth0 of {@code d} down; returns the moment it was asked. */
    long linkDown(Director d) throws IOException {
        return link(d, "down");
    }

    void linkUp(Director d) throws IOException {
        link(d, "up");
        awaitThat(d.name() + " eth0 up", Duration.ofSeconds(10), () -> NetnsLab.run("ip", "-n", d.namespace(), "-o",
                "link", "show", "eth0").contains("state UP"));
    }

    private long link(Director d, String state) throws IOException {
        OutputStream control = linkControl.get(d.name());
        byte[] command = ("link set eth0 " + state + "\n").getBytes(StandardCharsets.US_ASCII);
        long now = System.nanoTime();
        control.write(command);
        control.flush();
        return now;
    }

    /** PIDs of the contender's processes in {@code d}'s namespace: its daemons and their children. */
    List<Long> processesIn(Director d) throws IOException {
        return NetnsLab.run("ip", "netns", "pids", d.namespace()).lines().map(String::strip)
                .filter(s -> !s.isEmpty()).map(Long::parseLong).filter(pid -> !helpers.contains(pid)).toList();
    }

    /**
     * SIGKILL to every process in {@code d}'s namespace (the daemon and all its children, as a
     * crash of the whole daemon); returns the moment just before the first signal, or empty when
     * nothing ran there. Everything is stopped (SIGSTOP) first: killing a parent first would let a
     * child see its death (keepalived's VRRP child then sends a priority-0 advert, a graceful
     * hand-over a crash never gives), and killing a child first would let the parent respawn it.
     */
    OptionalLong killAll(Director d) throws IOException {
        List<ProcessHandle> victims = processesIn(d).stream().map(ProcessHandle::of)
                .flatMap(java.util.Optional::stream).toList();
        if (victims.isEmpty()) {
            return OptionalLong.empty();
        }
        long now = System.nanoTime();
        for (int signal : new int[] {SIGSTOP, SIGKILL}) {
            for (ProcessHandle victim : victims) {
                try {
                    Libc.kill((int) victim.pid(), signal);
                } catch (ErrnoException e) {
                    // already gone
                }
            }
        }
        for (ProcessHandle victim : victims) {
            try {
                victim.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("process " + victim.pid() + " in " + d.name() + " did not die", e);
            }
        }
        return OptionalLong.of(now);
    }

    boolean holdsVip(Director d) throws IOException {
        return NetnsLab.run("ip", "-n", d.namespace(), "-o", "-4", "addr", "show", "dev", "eth0")
                .contains(" " + vip + "/");
    }

    /** Removes the VIP a killed daemon left behind (it would answer ARP once its link is back). */
    void dropVip(Director d) throws IOException {
        if (holdsVip(d)) {
            NetnsLab.run("ip", "-n", d.namespace(), "addr", "del", vip + "/24", "dev", "eth0");
        }
    }

    /** When the client first saw a gratuitous ARP for the VIP from {@code d} at or after {@code since}. */
    OptionalLong firstGarp(Director d, long since) throws IOException {
        Inet4Address address = (Inet4Address) InetAddress.getByName(vip);
        MacAddress mac = MacAddress.parse(d.mac());
        return arp.from(address).stream()
                .filter(c -> c.nanos() >= since && c.frame().targetIp().equals(address)
                        && c.frame().ethernetSource().equals(mac))
                .mapToLong(ArpCapture.Captured::nanos).min();
    }

    /** When the client last received a broadcast or multicast packet from {@code d} before {@code before}. */
    OptionalLong lastHeartbeat(Director d, long before) {
        return peerPackets.lastFrom(MacAddress.parse(d.mac()), before);
    }

    /** What the lab looks like now, for a failure message. */
    String describe() {
        StringBuilder text = new StringBuilder("poller: " + poller.summary());
        long now = System.nanoTime();
        for (Director d : List.of(d1, d2)) {
            OptionalLong last = poller.lastAnswerBefore(d.name(), now);
            text.append("; ").append(d.name()).append(" last answered ")
                    .append(last.isPresent() ? (now - last.getAsLong()) / 1_000_000 + " ms ago" : "never");
            try {
                text.append(holdsVip(d) ? ", holds the VIP" : ", no VIP");
            } catch (IOException e) {
                text.append(", ").append(e.getMessage());
            }
        }
        try {
            text.append("\nclient neighbours: ").append(NetnsLab.run("ip", "-n", net.namespace("cl"), "neigh"));
        } catch (IOException e) {
            text.append(e.getMessage());
        }
        return text.toString();
    }

    /** Waits for a condition; returns whether it came in time. */
    static boolean cameWithin(Duration atMost, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(condition);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    /** Waits for a condition; fails naming it when it does not come in time. */
    static void awaitThat(String what, Duration atMost, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(10)).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException("not within " + atMost.toSeconds() + " s: " + what, e);
        }
    }

    @Override
    public void close() {
        for (Director d : new Director[] {d1, d2}) {
            if (d != null) {
                try {
                    killAll(d);
                } catch (IOException e) {
                    System.err.println("could not clean " + d.name() + ": " + e.getMessage());
                }
            }
        }
        if (poller != null) {
            closeQuietly(poller);
        }
        if (arp != null) {
            closeQuietly(arp);
        }
        closeLast.reversed().forEach(CompareLab::closeQuietly);
        net.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("closing " + closeable + ": " + e);
        }
    }
}
