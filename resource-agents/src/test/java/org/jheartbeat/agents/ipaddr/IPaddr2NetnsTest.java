package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.agents.kernel.ArpFrame;
import org.jheartbeat.agents.kernel.MacAddress;
import org.jheartbeat.agents.kernel.NetworkNamespace;
import org.jheartbeat.agents.testing.ArpCapture;
import org.jheartbeat.agents.testing.Capabilities;
import org.jheartbeat.agents.testing.DirectorLab;
import org.jheartbeat.agents.testing.Namespace;
import org.jheartbeat.agents.testing.Neighbours;
import org.jheartbeat.agents.testing.NetnsLab;
import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.OcfResult;
import org.jheartbeat.core.agent.PreparedStart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IPaddr2 against the real kernel: a director and a client namespace on one bridge. Every
 * action runs on a thread inside the director namespace, as the daemon would run on the director.
 */
@Tag("netns")
class IPaddr2NetnsTest {

    private static final String VIP = "10.88.0.100";

    @TempDir
    Path state;

    private DirectorLab lab;
    private Namespace director;
    private Namespace client;
    private IPaddr2 agent;
    private AgentContext context;

    @BeforeEach
    void setUp() throws Exception {
        lab = DirectorLab.create();
        director = lab.director();
        client = lab.client();
        agent = new IPaddr2(state);
        context = new AgentContext(state, "director");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (lab != null) {
            try {
                // Stop any burst still sending before its namespace disappears.
                Announcements.stop((Inet4Address) InetAddress.getByName(VIP));
            } finally {
                lab.close();
            }
        }
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private ActionResult start(Map<String, String> p) throws Exception {
        return director.call(() -> agent.start(context, p));
    }

    private ActionResult stop(Map<String, String> p) throws Exception {
        return director.call(() -> agent.stop(context, p));
    }

    private ActionResult monitor(Map<String, String> p) throws Exception {
        return director.call(() -> agent.monitor(context, p));
    }

    /** Runs {@code action} inside the director's namespace on a thread without CAP_NET_ADMIN. */
    private ActionResult withoutCapNetAdmin(Supplier<ActionResult> action) throws Exception {
        try (NetworkNamespace unprivileged = NetworkNamespace.enter(director.name())) {
            return unprivileged.call(() -> {
                try {
                    Capabilities.dropFromThisThread(Capabilities.CAP_NET_ADMIN);
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
                return action.get();
            });
        }
    }

    private String addresses(String dev) throws Exception {
        return director.ip("-o", "-4", "addr", "show", "dev", dev);
    }

    @Test
    void startAddsTheAddressWithLabelAndBroadcastAndStopRemovesIt() throws Exception {
        Map<String, String> p = params("ip", VIP, "cidr_netmask", "24", "nic", "eth0:vip", "broadcast", "10.88.0.255");
        assertEquals(OcfResult.NOT_RUNNING, monitor(p).result());
        assertEquals(ActionResult.success(), start(p));
        assertTrue(addresses("eth0").contains("inet 10.88.0.100/24 brd 10.88.0.255 scope global secondary eth0:vip"),
                addresses("eth0"));
        assertEquals(ActionResult.success(), monitor(p));
        assertEquals(ActionResult.alreadyRunning(), start(p), "start on a running address succeeds, changing nothing");

        assertEquals(ActionResult.success(), stop(p));
        assertFalse(addresses("eth0").contains(VIP), addresses("eth0"));
        assertEquals(OcfResult.NOT_RUNNING, monitor(p).result());
        assertEquals(ActionResult.success(), stop(p), "stop on a stopped address succeeds");
    }

    @Test
    void warmingUpRehearsesAStartWithoutChangingAnythingAndReportsAProblemAsValidateDoes() throws Exception {
        director.ip("addr", "add", VIP + "/32", "dev", "lo");
        String before = director.ip("-o", "-4", "addr", "show");
        Map<String, String> p = params("ip", VIP, "cidr_netmask", "24", "nic", "eth0", "lvs_support", "true");
        assertEquals(ActionResult.success(), director.call(() -> agent.warmUp(context, p)));
        assertEquals(before, director.ip("-o", "-4", "addr", "show"), "the warm-up changed an address");

        Map<String, String> noSuchNic = params("ip", VIP, "nic", "eth7");
        assertEquals(director.call(() -> agent.validate(context, noSuchNic)),
                director.call(() -> agent.warmUp(context, noSuchNic)));
    }

    @Test
    void warmingUpWhileServingTheAddressRehearsesItsStopWithoutRemovingIt() throws Exception {
        Map<String, String> p = params("ip", VIP, "cidr_netmask", "24", "nic", "eth0", "lvs_support", "true");
        assertEquals(ActionResult.success(), start(p));
        String before = director.ip("-o", "-4", "addr", "show");
        assertEquals(ActionResult.success(), director.call(() -> agent.warmUp(context, p)));
        assertEquals(before, director.ip("-o", "-4", "addr", "show"), "the warm-up changed an address");
        assertEquals(ActionResult.success(), monitor(p));
    }

    @Test
    void aStopSaysTheAddressIsGoneOnceItIsOffItsInterfaceAndBackOnLoopbackAndNeverWhenItFails() throws Exception {
        director.ip("addr", "add", VIP + "/32", "dev", "lo");
        Map<String, String> p = params("ip", VIP, "cidr_netmask", "24", "nic", "eth0", "lvs_support", "true");
        assertEquals(ActionResult.success(), start(p));

        List<String> toldWith = new ArrayList<>(); // eth0's and lo's addresses when the stop said "gone"
        Runnable whenGone = () -> {
            try {
                toldWith.add(addresses("eth0") + " | " + addresses("lo"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertEquals(OcfResult.ERR_PERM, withoutCapNetAdmin(() -> agent.stop(context, p, whenGone)).result());
        assertEquals(List.of(), toldWith, "a failed stop said the address was gone");
        assertTrue(addresses("eth0").contains(VIP));

        assertEquals(ActionResult.success(), director.call(() -> agent.stop(context, p, whenGone)));
        assertEquals(1, toldWith.size(), "told once: " + toldWith);
        String[] eth0AndLo = toldWith.getFirst().split(" \\| ");
        assertFalse(eth0AndLo[0].contains(VIP), "told while still on eth0: " + toldWith);
        assertTrue(eth0AndLo[1].contains(VIP + "/32"), "told before it was back on lo: " + toldWith);

        assertEquals(ActionResult.success(), director.call(() -> agent.stop(context, p, whenGone)));
        assertEquals(2, toldWith.size(), "a stop finding the address gone says so too");
    }

    @Test
    void theV1PositionalFormWorksEndToEnd() throws Exception {
        Map<String, String> p = agent.parameters(List.of("10.88.0.100/24/eth0/10.88.0.255"));
        assertEquals(ActionResult.success(), start(p));
        assertTrue(addresses("eth0").contains("inet 10.88.0.100/24 brd 10.88.0.255 scope global secondary eth0"),
                addresses("eth0"));
        assertEquals(ActionResult.success(), stop(p));
        assertFalse(addresses("eth0").contains(VIP));
    }

    @Test
    void findifPicksTheInterfaceWhoseNetworkHoldsTheAddress() throws Exception {
        Map<String, String> onEth1 = params("ip", "10.99.0.50");
        assertEquals(ActionResult.success(), start(onEth1));
        assertTrue(addresses("eth1").contains("inet 10.99.0.50/24 scope global secondary eth1"), addresses("eth1"));
        assertFalse(addresses("eth0").contains("10.99.0.50"));

        Map<String, String> hostRoute = params("ip", VIP, "cidr_netmask", "32");
        assertEquals(ActionResult.success(), start(hostRoute));
        assertTrue(addresses("eth0").contains("inet 10.88.0.100/32 scope global eth0"), addresses("eth0"));
        assertEquals(ActionResult.success(), stop(hostRoute));
        assertEquals(ActionResult.success(), stop(onEth1));
    }

    @Test
    void lvsSupportMovesTheVipFromLoopbackAndBack() throws Exception {
        director.ip("addr", "add", VIP + "/32", "brd", "10.88.0.255", "dev", "lo", "label", "lo:0");
        Map<String, String> p = params("ip", VIP, "cidr_netmask", "24", "nic", "eth0", "broadcast", "10.88.0.255",
                "lvs_support", "true");
        assertEquals(OcfResult.NOT_RUNNING, monitor(p).result(), "the VIP on lo alone is not running");

        assertEquals(ActionResult.success(), start(p));
        assertFalse(addresses("lo").contains(VIP), addresses("lo"));
        assertTrue(addresses("eth0").contains("inet 10.88.0.100/24 brd 10.88.0.255"), addresses("eth0"));

        assertEquals(ActionResult.success(), stop(p));
        assertFalse(addresses("eth0").contains(VIP), addresses("eth0"));
        assertTrue(addresses("lo").contains("inet 10.88.0.100/32 brd 255.255.255.255 scope global lo"), addresses("lo"));

        assertEquals(ActionResult.success(), start(p), "a second cycle works the same");
        assertFalse(addresses("lo").contains(VIP));
        assertEquals(ActionResult.success(), stop(p));
        assertTrue(addresses("lo").contains(VIP + "/32"));
    }

    @Test
    void aClientsStaleNeighbourEntryMovesToTheNewDirector() throws Exception {
        // The entry was just created, so lift the 1 s lock time that would make a real, older cache
        // entry accept the announcement immediately anyway.
        client.ip("neigh", "add", VIP, "lladdr", "02:00:00:00:00:99", "dev", "eth0", "nud", "stale");
        NetnsLab.run("ip", "netns", "exec", client.name(), "sysctl", "-q", "-w", "net.ipv4.neigh.eth0.locktime=0");
        assertEquals(Optional.of("02:00:00:00:00:99"), Neighbours.macOf(client, VIP, "eth0"));

        assertEquals(ActionResult.success(), start(params("ip", VIP, "cidr_netmask", "24", "nic", "eth0")));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(
                () -> Neighbours.macOf(client, VIP, "eth0"), mac -> mac.equals(Optional.of(DirectorLab.DIRECTOR_MAC)));
    }

    @Test
    void theClientSeesArpCountPairsOfCorrectFrames() throws Exception {
        Inet4Address vip = (Inet4Address) InetAddress.getByName(VIP);
        MacAddress mac = MacAddress.parse(DirectorLab.DIRECTOR_MAC);
        try (ArpCapture capture = ArpCapture.start(client, "eth0")) {
            assertEquals(ActionResult.success(), start(params("ip", VIP, "cidr_netmask", "24", "nic", "eth0",
                    "arp_count", "3", "arp_interval", "100")));
            await().atMost(Duration.ofSeconds(5)).until(() -> capture.from(vip).size() >= 6);
            // No seventh frame: the burst is over.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> capture.from(vip).size() == 6);
            List<ArpCapture.Captured> frames = capture.from(vip);
            for (int i = 0; i < 6; i++) {
                int op = i % 2 == 0 ? ArpFrame.REQUEST : ArpFrame.REPLY;
                ArpFrame expected = ArpFrame.gratuitous(op, mac, mac, vip);
                assertEquals(expected, frames.get(i).frame(), "frame " + i);
            }
        }
    }

    @Test
    void aPreparedStartChangesNothingUntilFiredFromAnyThreadThenTheFinishSendsTheWholeBurst() throws Exception {
        Inet4Address vip = (Inet4Address) InetAddress.getByName(VIP);
        MacAddress mac = MacAddress.parse(DirectorLab.DIRECTOR_MAC);
        Map<String, String> p = params("ip", VIP, "cidr_netmask", "24", "nic", "eth0", "arp_count", "2",
                "arp_interval", "100");
        String before = addresses("eth0");
        try (ArpCapture capture = ArpCapture.start(client, "eth0");
             PreparedStart prepared = director.call(() -> agent.prepareStart(context, p)).orElseThrow()) {
            assertEquals(before, addresses("eth0"), "preparing changed an address");
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> capture.from(vip).isEmpty());

            // This thread is in the root namespace: the prepared sockets act where they were opened.
            assertTrue(prepared.fire());
            assertTrue(addresses("eth0").contains("inet 10.88.0.100/24"), addresses("eth0"));
            await().atMost(Duration.ofSeconds(5)).until(() -> capture.from(vip).size() == 1);
            assertEquals(ArpFrame.gratuitous(ArpFrame.REQUEST, mac, mac, vip), capture.from(vip).getFirst().frame());
            await().during(Duration.ofMillis(150)).atMost(Duration.ofSeconds(2)).until(() -> capture.from(vip).size() == 1);

            assertEquals(ActionResult.success(), director.call(prepared::finish));
            await().atMost(Duration.ofSeconds(5)).until(() -> capture.from(vip).size() == 4);
            assertEquals(ActionResult.success(), monitor(p));
        }
        assertEquals(ActionResult.success(), stop(p));
    }

    @Test
    void anUnfiredPreparationLeavesNothingBehindAndAFireFindingTheAddressThereChangesNothing() throws Exception {
        Inet4Address vip = (Inet4Address) InetAddress.getByName(VIP);
        Map<String, String> p = params("ip", VIP, "cidr_netmask", "24", "nic", "eth0");
        try (ArpCapture capture = ArpCapture.start(client, "eth0")) {
            director.call(() -> agent.prepareStart(context, p)).orElseThrow().close();
            assertFalse(addresses("eth0").contains(VIP));

            try (PreparedStart prepared = director.call(() -> agent.prepareStart(context, p)).orElseThrow()) {
                director.ip("addr", "add", VIP + "/24", "dev", "eth0"); // someone was faster
                assertFalse(prepared.fire(), "the address was there already");
                assertEquals(OcfResult.ERR_GENERIC, director.call(prepared::finish).result());
            }
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> capture.from(vip).isEmpty());
        }
    }

    @Test
    void onlyAPlainAddIsPrepared() throws Exception {
        Map<String, String> p = params("ip", VIP, "cidr_netmask", "24", "nic", "eth0", "lvs_support", "true");
        director.ip("addr", "add", VIP + "/32", "dev", "lo");
        assertTrue(director.call(() -> agent.prepareStart(context, p)).isEmpty(), "the VIP must come off lo first");
        director.ip("addr", "del", VIP + "/32", "dev", "lo");
        director.call(() -> agent.prepareStart(context, p)).orElseThrow().close();

        assertEquals(ActionResult.success(), start(p));
        assertTrue(director.call(() -> agent.prepareStart(context, p)).isEmpty(), "already running");
        assertEquals(ActionResult.success(), stop(p));
        assertTrue(director.call(() -> agent.prepareStart(context, params("ip", VIP, "nic", "eth7"))).isEmpty());
    }

    @Test
    void reannounceSendsTheBurstAgainOnlyWhileRunning() throws Exception {
        Inet4Address vip = (Inet4Address) InetAddress.getByName(VIP);
        Map<String, String> p = params("ip", VIP, "cidr_netmask", "24", "nic", "eth0", "arp_count", "1",
                "arp_interval", "20", "arp_bg", "false");
        try (ArpCapture capture = ArpCapture.start(client, "eth0")) {
            assertEquals(ActionResult.success(), start(p));
            await().atMost(Duration.ofSeconds(5)).until(() -> capture.from(vip).size() == 2);
            assertEquals(ActionResult.success(), director.call(() -> agent.reannounce(context, p)));
            await().atMost(Duration.ofSeconds(5)).until(() -> capture.from(vip).size() == 4);
            assertEquals(ActionResult.success(), stop(p));
            assertEquals(OcfResult.NOT_RUNNING, director.call(() -> agent.reannounce(context, p)).result());
        }
    }

    @Test
    void badParametersGiveTheOcfCodeAndMessage() throws Exception {
        assertEquals(ActionResult.of(OcfResult.ERR_CONFIGURED, "Invalid interface name [eth9]: Device \"eth9\" does not exist."),
                start(params("ip", VIP, "nic", "eth9")));
        assertEquals(ActionResult.of(OcfResult.ERR_CONFIGURED, "Invalid interface name [eth9]: Device \"eth9\" does not exist."),
                director.call(() -> agent.validate(context, params("ip", VIP, "nic", "eth9"))));
        ActionResult unserved = start(params("ip", "10.77.0.5"));
        assertEquals(ActionResult.of(OcfResult.ERR_GENERIC, "[findif] failed: Unable to find nic or netmask."), unserved);
        assertEquals(OcfResult.NOT_RUNNING, monitor(params("ip", "10.77.0.5")).result());
        assertEquals(ActionResult.success(), stop(params("ip", "10.77.0.5")));
        assertEquals(ActionResult.of(OcfResult.ERR_GENERIC, "[findif] failed: Unable to find nic or netmask."),
                start(params("ip", VIP, "nic", "lo")));
        assertEquals(ActionResult.of(OcfResult.ERR_CONFIGURED,
                        "IPv6 address [fd00::5] is not supported: jheartbeat's IPaddr2 manages IPv4 addresses only"),
                start(params("ip", "fd00::5")));
        assertFalse(addresses("eth0").contains(VIP));
    }

    @Test
    void aDuplicateAddressIsDetectedWhenAsked() throws Exception {
        client.ip("addr", "add", VIP + "/24", "dev", "eth0");
        ActionResult result = start(params("ip", VIP, "cidr_netmask", "24", "nic", "eth0", "run_arping", "true"));
        assertEquals(OcfResult.ERR_GENERIC, result.result());
        assertTrue(result.reason().startsWith("IPv4 address collision 10.88.0.100 [DAD]"), result.reason());
        assertFalse(addresses("eth0").contains(VIP));
    }

    @Test
    void networkNamespaceParameterRunsTheActionInsideIt() throws Exception {
        Map<String, String> p = params("ip", VIP, "cidr_netmask", "24", "nic", "eth0",
                "network_namespace", director.name());
        // Called from the test's own thread, not from inside the namespace.
        assertEquals(ActionResult.success(), agent.start(context, p));
        assertTrue(addresses("eth0").contains(VIP));
        assertEquals(ActionResult.success(), agent.monitor(context, p));
        assertEquals(ActionResult.success(), agent.stop(context, p));
        assertFalse(addresses("eth0").contains(VIP));
        ActionResult missing = agent.start(context, params("ip", VIP, "network_namespace", lab.lab().prefix() + "nowhere"));
        assertEquals(OcfResult.ERR_CONFIGURED, missing.result());
        assertTrue(missing.reason().startsWith("Cannot enter network namespace [" + lab.lab().prefix() + "nowhere]"),
                missing.reason());
    }

    @Test
    void withoutCapNetAdminStartIsAPermissionError() throws Exception {
        ActionResult result = withoutCapNetAdmin(
                () -> agent.start(context, params("ip", VIP, "cidr_netmask", "24", "nic", "eth0")));
        assertEquals(ActionResult.of(OcfResult.ERR_PERM, "You must be root for start operation."), result);
        assertFalse(addresses("eth0").contains(VIP));
    }

    @Test
    void startBringsTheInterfaceUpBeforeAnnouncing() throws Exception {
        Inet4Address vip = (Inet4Address) InetAddress.getByName(VIP);
        director.ip("link", "set", "eth0", "down");
        try (ArpCapture capture = ArpCapture.start(client, "eth0")) {
            assertEquals(ActionResult.success(), start(params("ip", VIP, "cidr_netmask", "24", "nic", "eth0",
                    "arp_interval", "100")));
            assertTrue(director.ip("link", "show", "eth0").contains(",UP"), director.ip("link", "show", "eth0"));
            // The bridge port on the other end comes back at its own pace; some frames of the burst get through.
            await().atMost(Duration.ofSeconds(5)).until(() -> !capture.from(vip).isEmpty());
        }
    }

    @Test
    void monitorRefreshesTheAnnouncementWhenAsked() throws Exception {
        Inet4Address vip = (Inet4Address) InetAddress.getByName(VIP);
        Map<String, String> p = params("ip", VIP, "cidr_netmask", "24", "nic", "eth0", "arp_count", "1",
                "arp_interval", "20", "arp_bg", "false", "arp_count_refresh", "2");
        try (ArpCapture capture = ArpCapture.start(client, "eth0")) {
            assertEquals(ActionResult.success(), start(p));
            await().atMost(Duration.ofSeconds(5)).until(() -> capture.from(vip).size(), n -> n == 2);
            assertEquals(ActionResult.success(), monitor(p));
            await().atMost(Duration.ofSeconds(5)).until(() -> capture.from(vip).size(), n -> n == 6);
        }
    }

    @Test
    void monitorFailsWhenTheInterfaceIsDown() throws Exception {
        Map<String, String> p = params("ip", VIP, "cidr_netmask", "32", "nic", "eth0");
        assertEquals(ActionResult.success(), start(p));
        director.ip("link", "set", "eth0", "down");
        ActionResult down = monitor(p);
        assertEquals(OcfResult.ERR_GENERIC, down.result());
        assertEquals("10.88.0.100/32 is on eth0, but eth0 is down", down.reason());
    }
}
