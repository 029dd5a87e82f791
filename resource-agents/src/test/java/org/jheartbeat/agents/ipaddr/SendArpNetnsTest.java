package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.agents.kernel.ArpFrame;
import org.jheartbeat.agents.testing.ArpCapture;
import org.jheartbeat.agents.testing.DirectorLab;
import org.jheartbeat.agents.testing.Namespace;
import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.OcfResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SendArp announcing an address (here: one nobody configured) from the director to the client. */
@Tag("netns")
class SendArpNetnsTest {

    private static final String IP = "10.88.0.77";

    @TempDir
    Path state;
    @TempDir
    Path haDir;

    private DirectorLab lab;
    private Namespace director;
    private SendArp agent;
    private AgentContext context;

    @BeforeEach
    void setUp() throws Exception {
        lab = DirectorLab.create();
        director = lab.director();
        agent = new SendArp(state);
        context = new AgentContext(haDir, "director");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (lab != null) {
            try {
                Announcements.stop((Inet4Address) InetAddress.getByName(IP));
            } finally {
                lab.close();
            }
        }
    }

    @Test
    void startAnnouncesWithTheConfiguredBurstMonitorFollowsStartAndStop() throws Exception {
        Files.createDirectories(haDir.resolve("conf"));
        Files.writeString(haDir.resolve("conf/arp_config"), "# site defaults\nARP_INTERVAL_MS=50\nARP_REPEAT=4\n");
        Files.writeString(haDir.resolve("conf/arp_config:eth0"), "ARP_REPEAT=\"2\"\n");
        Map<String, String> p = agent.parameters(List.of(IP + "/eth0"));
        Inet4Address ip = (Inet4Address) InetAddress.getByName(IP);
        try (ArpCapture capture = ArpCapture.start(lab.client(), "eth0")) {
            assertEquals(OcfResult.NOT_RUNNING, director.call(() -> agent.monitor(context, p)).result());
            assertEquals(ActionResult.success(), director.call(() -> agent.start(context, p)));
            assertEquals(ActionResult.success(), director.call(() -> agent.monitor(context, p)));
            await().atMost(Duration.ofSeconds(5)).until(() -> capture.from(ip).size() == 4);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> capture.from(ip).size() == 4);
            assertEquals(List.of(ArpFrame.REQUEST, ArpFrame.REPLY, ArpFrame.REQUEST, ArpFrame.REPLY),
                    capture.from(ip).stream().map(c -> c.frame().operation()).toList());
        }
        assertEquals(ActionResult.success(), director.call(() -> agent.monitor(context, p)), "still started after the burst");
        assertEquals(ActionResult.success(), director.call(() -> agent.stop(context, p)));
        assertEquals(OcfResult.NOT_RUNNING, director.call(() -> agent.monitor(context, p)).result());
        assertEquals(ActionResult.success(), director.call(() -> agent.stop(context, p)));
    }

    @Test
    void missingParametersAndBadConfigurationAreConfigurationErrors() throws Exception {
        assertEquals(ActionResult.of(OcfResult.ERR_CONFIGURED, "Network interface (the nic parameter) is mandatory"),
                agent.start(context, Map.of("ip", IP)));
        assertEquals(ActionResult.of(OcfResult.ERR_CONFIGURED, "IP address (the ip parameter) is mandatory"),
                agent.start(context, Map.of("nic", "eth0")));
        assertEquals(ActionResult.of(OcfResult.ERR_CONFIGURED, "Invalid interface name [eth7]: Device \"eth7\" does not exist."),
                director.call(() -> agent.start(context, Map.of("ip", IP, "nic", "eth7"))));
        Files.createDirectories(haDir.resolve("conf"));
        Files.writeString(haDir.resolve("conf/arp_config"), "ARP_INTERVAL_MS=200\nARP_REPEAT=many\n");
        ActionResult bad = director.call(() -> agent.validate(context, Map.of("ip", IP, "nic", "eth0")));
        assertEquals(OcfResult.ERR_CONFIGURED, bad.result());
        assertTrue(bad.reason().endsWith("arp_config:2: ARP_REPEAT must be a positive whole number, not [many]"), bad.reason());
    }
}
