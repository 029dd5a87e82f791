package org.jheartbeat.agents.ipaddr;

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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IPaddr (alias style) in the director namespace of a {@link DirectorLab}. */
@Tag("netns")
class IPaddrNetnsTest {

    @TempDir
    Path state;

    private DirectorLab lab;
    private Namespace director;
    private IPaddr agent;
    private AgentContext context;

    @BeforeEach
    void setUp() throws Exception {
        lab = DirectorLab.create();
        director = lab.director();
        agent = new IPaddr(state);
        context = new AgentContext(state, "director");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (lab != null) {
            try {
                for (String ip : List.of("10.88.0.200", "10.88.0.201", "10.99.0.200")) {
                    Announcements.stop((Inet4Address) InetAddress.getByName(ip));
                }
            } finally {
                lab.close();
            }
        }
    }

    private ActionResult run(String action, Map<String, String> p) throws Exception {
        return director.call(() -> switch (action) {
            case "start" -> agent.start(context, p);
            case "stop" -> agent.stop(context, p);
            case "monitor" -> agent.monitor(context, p);
            default -> agent.validate(context, p);
        });
    }

    private String addresses(String dev) throws Exception {
        return director.ip("-o", "-4", "addr", "show", "dev", dev);
    }

    @Test
    void aBareIpGoesOnTheFirstFreeAliasOfEth0WithComputedNetmaskAndBroadcast() throws Exception {
        director.ip("addr", "add", "10.88.0.150/24", "dev", "eth0", "label", "eth0:0");
        Map<String, String> p = agent.parameters(List.of("10.88.0.200"));
        assertEquals(OcfResult.NOT_RUNNING, run("monitor", p).result());
        assertEquals(ActionResult.success(), run("start", p));
        assertTrue(addresses("eth0").contains("inet 10.88.0.200/24 brd 10.88.0.255 scope global secondary eth0:1"),
                addresses("eth0"));
        assertEquals(ActionResult.success(), run("monitor", p));
        assertEquals(ActionResult.alreadyRunning(), run("start", p));

        Map<String, String> second = agent.parameters(List.of("10.88.0.201/24"));
        assertEquals(ActionResult.success(), run("start", second));
        assertTrue(addresses("eth0").contains("10.88.0.201/24 brd 10.88.0.255 scope global secondary eth0:2"),
                addresses("eth0"));

        assertEquals(ActionResult.success(), run("stop", p));
        assertFalse(addresses("eth0").contains("10.88.0.200"));
        assertEquals(OcfResult.NOT_RUNNING, run("monitor", p).result());
        assertEquals(ActionResult.success(), run("stop", p));
        assertEquals(ActionResult.success(), run("stop", second));
    }

    @Test
    void theInterfaceMustBeTheOneTheRoutingTablePicks() throws Exception {
        assertEquals(ActionResult.of(OcfResult.ERR_ARGS, "Invalid parameter value: nic [eth0] Calculated nic: [eth1]"),
                run("start", agent.parameters(List.of("10.99.0.200"))));
        assertEquals(ActionResult.success(), run("start", agent.parameters(List.of("10.99.0.200/24/eth1"))));
        assertTrue(addresses("eth1").contains("10.99.0.200/24 brd 10.99.0.255 scope global secondary eth1:0"));
    }

    @Test
    void aBroadcastOtherThanTheComputedOneIsRefused() throws Exception {
        assertEquals(ActionResult.of(OcfResult.ERR_ARGS,
                        "Invalid parameter value: broadcast [10.88.0.127] Calculated broadcast: [10.88.0.255]"),
                run("validate", agent.parameters(List.of("10.88.0.200/24/eth0/10.88.0.127"))));
    }

    @Test
    void withoutConnectedRouteOnlyANetmaskAllowsTheDefaultRoute() throws Exception {
        director.ip("route", "add", "default", "via", "10.88.0.254", "dev", "eth0");
        assertEquals(ActionResult.of(OcfResult.ERR_GENERIC, "Cannot use default route w/o netmask [10.77.0.77]"),
                run("validate", Map.of("ip", "10.77.0.77")));
        assertEquals(ActionResult.success(), run("validate", Map.of("ip", "10.77.0.77", "cidr_netmask", "24")));
    }
}
