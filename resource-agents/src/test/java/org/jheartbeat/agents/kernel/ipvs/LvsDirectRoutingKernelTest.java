package org.jheartbeat.agents.kernel.ipvs;

import static org.awaitility.Awaitility.await;
import static org.jheartbeat.agents.kernel.ipvs.IpvsListingTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jheartbeat.agents.testing.DirectRoutingLab;
import org.jheartbeat.agents.testing.KernelLab;
import org.jheartbeat.agents.testing.InNamespace;
import org.jheartbeat.agents.testing.Namespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The classic LVS direct-routing setup ({@link DirectRoutingLab}), programmed with jheartbeat
 * only: a client, a director (VIP on eth0), a sync backup director and two real servers (VIP on
 * lo, ARP for it suppressed), each in its own namespace.
 */
@Tag("kernel")
class LvsDirectRoutingKernelTest {

    private static final String VIP = "10.88.0.50";
    private static final int PORT = 80;
    private static final Map<String, String> NODES = new LinkedHashMap<>(Map.of(
            "client", "10.88.0.100", "dir", "10.88.0.11", "dir2", "10.88.0.12", "rs1", "10.88.0.21", "rs2", "10.88.0.22"));
    private static final ServiceKey SERVICE = new ServiceKey.Address(IpvsProtocol.TCP, ip(VIP), PORT);

    private DirectRoutingLab lab;
    private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    private final List<ServerSocket> servers = new ArrayList<>();

    @BeforeEach
    void topology() throws Exception {
        KernelLab.requireIpvsKernel();
        lab = DirectRoutingLab.create(List.of(VIP));
        for (Map.Entry<String, String> node : NODES.entrySet()) {
            String name = node.getKey();
            Namespace ns = switch (name) {
                case "dir" -> lab.director(name, node.getValue());
                case "rs1", "rs2" -> lab.realServer(name, node.getValue());
                default -> lab.node(name, node.getValue());
            };
            namespaces.put(name, ns);
            if (name.startsWith("rs")) {
                startServer(ns, name);
            }
        }
    }

    /** A TCP server that answers every connection with its name and closes it. */
    private void startServer(Namespace ns, String name) throws Exception {
        ServerSocket server = ns.call(() -> {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(PORT));
            return s;
        });
        servers.add(server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                    client.getOutputStream().write((name + "\n").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedOrReset) {
                    // the server closes at the end of the test; a reset connection needs no answer
                }
            }
        });
    }

    @AfterEach
    void tearDown() throws IOException {
        for (ServerSocket server : servers) {
            server.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    /** One new TCP connection from the client; returns who answered. */
    private String request(String address) throws Exception {
        return namespaces.get("client").call(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByName(address), PORT), 3000);
                s.setSoTimeout(3000);
                return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            }
        });
    }

    private Map<String, Integer> requests(int count) throws Exception {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            answers.merge(request(VIP), 1, Integer::sum);
        }
        return answers;
    }

    @Test
    void requestsReachBothRealServersAndWeightZeroDrainsOne() throws Exception {
        for (String rs : List.of("10.88.0.21", "10.88.0.22")) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> !request(rs).isEmpty());
        }
        Namespace director = namespaces.get("dir");
        try (Ipvs ipvs = director.call(Ipvs::open); Ipvs backup = namespaces.get("dir2").call(Ipvs::open)) {
            backup.startDaemon(SyncDaemon.of(SyncDaemon.State.BACKUP, "eth0", 0));
            ipvs.startDaemon(SyncDaemon.of(SyncDaemon.State.MASTER, "eth0", 0));
            ipvs.addService(IpvsService.of(SERVICE, "rr"));
            ipvs.addDestination(SERVICE, IpvsDestination.of(ip("10.88.0.21"), PORT, ForwardMethod.ROUTE, 1));
            ipvs.addDestination(SERVICE, IpvsDestination.of(ip("10.88.0.22"), PORT, ForwardMethod.ROUTE, 1));

            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> !request(VIP).isEmpty());
            Map<String, Integer> answers = requests(10);
            assertTrue(answers.getOrDefault("rs1", 0) > 0 && answers.getOrDefault("rs2", 0) > 0,
                    "both real servers answer through the VIP: " + answers);

            // the counters jheartbeat reads are the ones ipvsadm shows
            await().atMost(Duration.ofSeconds(30)).until(() -> InNamespace.run(director, "ipvsadm", "-L", "-n", "--stats")
                    .equals(new IpvsListing(ListingStyle.STATS).format(ipvs.table())));
            // (the totals catch up with the per-CPU counters within 2 s)
            await().atMost(Duration.ofSeconds(30)).until(() -> ipvs.service(SERVICE).stats().connections() >= 11);
            // the backup director learned the connections from the master's sync messages
            await().atMost(Duration.ofSeconds(30)).until(() -> InNamespace.run(namespaces.get("dir2"),
                    "ipvsadm", "-L", "-n", "-c").contains(VIP + ":" + PORT));

            ipvs.editDestination(SERVICE, IpvsDestination.of(ip("10.88.0.21"), PORT, ForwardMethod.ROUTE, 0));
            assertEquals(Map.of("rs2", 10), requests(10), "weight 0 sends every new connection to the other server");

            // The kernel folds its per-CPU counters into the totals every 2 s, and zeroing takes
            // the totals as the new zero point: wait until they hold still, then zero.
            long[] last = {-1};
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2500)).until(() -> {
                long now = ipvs.service(SERVICE).stats().connections();
                boolean still = now == last[0];
                last[0] = now;
                return still;
            });
            ipvs.zero();
            assertEquals(0, ipvs.service(SERVICE).stats().connections());
            String stats = InNamespace.run(director, "ipvsadm", "-L", "-n", "--stats");
            assertTrue(stats.lines().anyMatch(l -> l.matches("TCP  10\\.88\\.0\\.50:80 +0 .*")), stats);
            ipvs.stopDaemon(SyncDaemon.State.MASTER);
            backup.stopDaemon(SyncDaemon.State.BACKUP);
        }
    }
}
