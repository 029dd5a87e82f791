package org.jheartbeat.core.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.config.HaConfigLoader;
import org.jheartbeat.core.membership.DropReason;
import org.jheartbeat.core.membership.LinkStatus;
import org.jheartbeat.core.membership.MembershipSnapshot;
import org.jheartbeat.core.membership.MembershipSnapshot.LinkView;
import org.jheartbeat.core.membership.MembershipSnapshot.NodeView;
import org.jheartbeat.core.membership.NodeStatus;
import org.jheartbeat.core.membership.NodeType;
import org.jheartbeat.core.policy.RscStatus;
import org.jheartbeat.core.policy.StandbyArgument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control socket end to end: a real UNIX socket in a temporary run directory, a real
 * configuration read from files, and clients that behave well or badly.
 */
class ControlServerTest {

    @TempDir
    Path dir;

    private ControlServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch neverAnswers = new CountDownLatch(1);

    /** The daemon's published state, as a running daemon would expose it. */
    private final class Daemon implements DaemonView {
        private final HaConfig config;

        Daemon(HaConfig config) {
            this.config = config;
        }

        @Override
        public HaConfig config() {
            return config;
        }

        @Override
        public MembershipSnapshot membership() {
            return new MembershipSnapshot("x1", NodeStatus.ACTIVE, true, List.of(
                    new NodeView("x1", NodeType.NORMAL, NodeStatus.ACTIVE, 0, 1, List.of(new LinkView("lo", LinkStatus.UP))),
                    new NodeView("x2", NodeType.NORMAL, NodeStatus.DEAD, 0, 0, List.of(new LinkView("lo", LinkStatus.DEAD))),
                    new NodeView("10.9.9.9", NodeType.PING, NodeStatus.PING, 0, 0,
                            List.of(new LinkView("10.9.9.9", LinkStatus.UP)))));
        }

        @Override
        public Map<DropReason, Long> drops() {
            return Map.of();
        }

        @Override
        public RscStatus rscStatus() {
            return RscStatus.LOCAL;
        }

        @Override
        public Optional<String> clientStatus(String node, String client) {
            if (node.equals("x2")) {
                try {
                    neverAnswers.await(); // a peer that does not reply
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return ConfiguredClients.status(config, membership(), node, client, true);
        }

        @Override
        public Optional<String> requestStandby(StandbyArgument argument) {
            requests.add("standby " + argument);
            return Optional.empty();
        }

        @Override
        public Optional<String> requestTakeover(StandbyArgument argument) {
            requests.add("takeover " + argument);
            return Optional.of("Standby mode only implemented when nice_failback on");
        }
    }

    @BeforeEach
    void start() throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("ha.cf"), "deadtime 6\nkeepalive 1\ninitdead 12\nauto_failback on\n"
                + "bcast lo\nnode x1 x2\nping 10.9.9.9\nrespawn hacluster /usr/lib/heartbeat/ipfail\n");
        Files.writeString(etc.resolve("haresources"), "");
        Files.writeString(etc.resolve("authkeys"), "auth 1\n1 sha1 secret\n");
        Files.setPosixFilePermissions(etc.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
        HaConfigLoader.Result loaded = HaConfigLoader.load(HaConfigLoader.Options.of(etc, Optional.of("x1"), Set.of()));
        assertTrue(loaded.valid(), loaded.problems()::toString);
        server = ControlServer.start(dir.resolve("run"), new ControlService(new Daemon(loaded.config().orElseThrow())));
    }

    @AfterEach
    void stop() throws IOException {
        neverAnswers.countDown();
        if (server != null) {
            server.close();
        }
    }

    private ControlAnswer ask(String request) throws IOException {
        return ControlAnswer.parse(ControlClient.ask(dir.resolve("run"), request, Duration.ofSeconds(10)));
    }

    @Test
    void clusterReportsNodesInDeclarationOrderWithLinksAndHoldings() throws IOException {
        ControlAnswer answer = ask("cluster");
        assertTrue(answer.ok(), answer::toString);
        ClusterReport report = ClusterReport.parse(answer.lines());
        assertTrue(report.version().startsWith("3.0.6 (jheartbeat"), report.version());
        assertFalse(report.pacemakerEnabled());
        assertEquals("local", report.rscStatus());
        assertEquals(List.of("x1", "x2", "10.9.9.9"), report.nodes().stream().map(ClusterReport.Node::name).toList());
        ClusterReport.Node x2 = report.node("X2").orElseThrow();
        assertEquals("dead", x2.status());
        assertEquals("normal", x2.type());
        assertEquals(100, x2.weight());
        assertEquals("", x2.site());
        assertEquals("dead", x2.link("lo").orElseThrow().status());
        assertEquals("ping", report.node("10.9.9.9").orElseThrow().type());
    }

    @Test
    void parametersAreTheRecordedValuesAndUnrecordedOnesAreErrors() throws IOException {
        assertEquals(ControlAnswer.ok("6"), ask("parameter deadtime"));
        assertEquals(ControlAnswer.ok("on"), ask("parameter auto_failback"));
        assertEquals(ControlAnswer.ok("6000ms"), ask("parameter deadping"));
        assertEquals(ControlAnswer.error(""), ask("parameter node"));
    }

    @Test
    void clientStatusAnswersOrSaysNoTimelyResponse() throws IOException {
        assertEquals(ControlAnswer.ok("online"), ask("client x1 ipfail 500"));
        assertEquals(ControlAnswer.ok("offline"), ask("client x1 nosuchclient 500"));
        assertEquals(ControlAnswer.error("No timely response."), ask("client x2 ipfail 100"));
        assertEquals(ControlAnswer.error("unknown node x9"), ask("client x9 ipfail 100"));
    }

    @Test
    void standbyAndTakeoverReachTheDaemonWithTheirVerdict() throws IOException {
        assertEquals(ControlAnswer.ok(List.of()), ask("standby foreign"));
        assertEquals(ControlAnswer.error("Standby mode only implemented when nice_failback on"), ask("takeover failback"));
        assertEquals(ControlAnswer.error("wrong resources(xyz)."), ask("standby xyz"));
        assertEquals(List.of("standby FOREIGN", "takeover FAILBACK"), requests);
    }

    @Test
    void theStatusRequestStillGivesTheMembershipTable() throws IOException {
        String status = ControlClient.ask(dir.resolve("run"), "status", Duration.ofSeconds(10));
        assertTrue(status.startsWith("local x1 active comms-up\nnode x1 normal active"), status);
    }

    @Test
    void malformedOversizedAndUnknownRequestsAreRefused() throws IOException {
        assertEquals(ControlAnswer.error("request too long"), ask("cluster".repeat(200)));
        assertEquals(ControlAnswer.error("malformed request"), ask("cluster\u0001"));
        assertEquals(ControlAnswer.error("malformed request"), ask("standby  all"));
        assertEquals(ControlAnswer.error("malformed request"), ask("a b c d e"));
        assertEquals(ControlAnswer.error("unknown request shutdown"), ask("shutdown"));
        assertEquals(ControlAnswer.error("wrong number of arguments for parameter"), ask("parameter"));
        assertTrue(ask("cluster").ok(), "the server still serves after all that");
    }

    @Test
    void aClientThatSendsNothingIsCutOffAndTooManyAtOnceAreTurnedAway() throws IOException {
        UnixDomainSocketAddress socket = UnixDomainSocketAddress.of(server.path());
        List<SocketChannel> idle = new ArrayList<>();
        try {
            for (int i = 0; i < ControlServer.MAX_CLIENTS; i++) {
                idle.add(SocketChannel.open(socket));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (SocketChannel extra = SocketChannel.open(socket)) {
                    return extra.read(ByteBuffer.allocate(16)) == -1; // closed without a word
                }
            });
            for (SocketChannel channel : idle) {
                assertEquals(-1, channel.read(ByteBuffer.allocate(16)), "closed after the request deadline");
            }
        } finally {
            for (SocketChannel channel : idle) {
                channel.close();
            }
        }
        assertTrue(ask("cluster").ok(), "served again once the idle clients are gone");
    }

    @Test
    void theSocketIsRootsAloneWithoutAnHaclientGroupAndAStaleOneIsReplaced() throws IOException {
        assumeTrue(SocketAccess.group().isEmpty(), "this machine has a haclient group");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.path())));
        server.close();
        assertFalse(Files.exists(server.path()));
        Files.writeString(server.path(), "stale");
        server = ControlServer.start(dir.resolve("run"), request -> ControlAnswer.ok("again").render());
        assertEquals(ControlAnswer.ok("again"), ask("cluster"));
        assertEquals(List.of(ControlServer.SOCKET_NAME), listRunDirectory());
    }

    private List<String> listRunDirectory() throws IOException {
        try (var files = Files.list(dir.resolve("run"))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void requestLinesParseOnlyWhenWellFormed() {
        assertEquals(Optional.of(ControlRequest.of("client", "x1", "ipfail", "500")),
                ControlRequest.parse("client x1 ipfail 500"));
        assertEquals(Optional.empty(), ControlRequest.parse(""));
        assertEquals(Optional.empty(), ControlRequest.parse(" cluster"));
        assertEquals(Optional.empty(), ControlRequest.parse("cluster\t"));
        assertEquals(Optional.empty(), ControlRequest.parse("x".repeat(ControlRequest.MAX_LENGTH + 1)));
        assertEquals(Optional.empty(), ControlRequest.parse("caf\u00e9"));
        assertEquals("standby all\n", ControlRequest.of("standby", "all").line());
    }

    @Test
    void answersSurviveTheirOwnRendering() {
        ControlAnswer ok = ControlAnswer.ok(List.of("version\t3.0.6", "node\tx1\tnormal\tactive\t100\t"));
        assertEquals(ok, ControlAnswer.parse(ok.render()));
        assertEquals(ControlAnswer.error(""), ControlAnswer.parse(ControlAnswer.error("").render()));
        assertEquals(ControlAnswer.error("two words"), ControlAnswer.parse("error two words\n"));
        assertFalse(ControlAnswer.parse("garbage\n").ok());
        assertFalse(ControlAnswer.parse("").ok());
    }
}
