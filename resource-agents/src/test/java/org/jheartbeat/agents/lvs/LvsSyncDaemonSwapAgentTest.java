package org.jheartbeat.agents.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jheartbeat.agents.testing.KernelLab;
import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.AgentRegistry;
import org.jheartbeat.core.agent.InvalidParametersException;
import org.jheartbeat.core.agent.OcfResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The agent's face without a kernel that has IPVS: parameters, validation, meta-data, no-IPVS outcomes. */
class LvsSyncDaemonSwapAgentTest {

    private static final AgentContext CONTEXT = new AgentContext(Path.of("/etc/ha.d"), "node1");
    private final LvsSyncDaemonSwapAgent agent = new LvsSyncDaemonSwapAgent();

    @Test
    void isFoundByItsHaresourcesName() {
        assertInstanceOf(LvsSyncDaemonSwapAgent.class, AgentRegistry.load().find("LVSSyncDaemonSwap").orElseThrow());
    }

    @Test
    void positionalArgumentsAreStateThenInterfaceDefaultingToEth0() throws Exception {
        assertEquals(Map.of("state", "master", "interface", "eth0"), agent.parameters(List.of("master")));
        assertEquals(Map.of("state", "backup", "interface", "eth1"), agent.parameters(List.of("backup", "eth1")));
        assertThrows(InvalidParametersException.class, () -> agent.parameters(List.of()));
        assertThrows(InvalidParametersException.class, () -> agent.parameters(List.of("master", "eth0", "x")));
    }

    @Test
    void validationNamesTheBadParameter() {
        assertTrue(agent.validate(CONTEXT, Map.of("state", "master")).isSuccess());
        assertTrue(agent.validate(CONTEXT, Map.of("state", "backup", "interface", "bond0.12", "syncid", "255")).isSuccess());
        ActionResult bad = agent.validate(CONTEXT, Map.of("state", "primary"));
        assertEquals(OcfResult.ERR_CONFIGURED, bad.result());
        assertEquals("state must be master or backup, not 'primary'", bad.reason());
        assertEquals("syncid 256 is outside 0..255",
                agent.validate(CONTEXT, Map.of("state", "master", "syncid", "256")).reason());
        assertEquals(OcfResult.ERR_CONFIGURED,
                agent.validate(CONTEXT, Map.of("state", "master", "interface", "a-name-far-too-long")).result());
        assertEquals(OcfResult.ERR_CONFIGURED, agent.start(CONTEXT, Map.of("state", "slave")).result());
    }

    @Test
    void metaDataIsWellFormedAndListsTheParameters() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(agent.metaData().getBytes(StandardCharsets.UTF_8)));
        assertEquals("LVSSyncDaemonSwap", doc.getDocumentElement().getAttribute("name"));
        assertEquals(3, doc.getElementsByTagName("parameter").getLength());
    }

    @Test
    void withoutIpvsNothingRunsStopSucceedsAndStartSaysWhy() throws Exception {
        assumeTrue(KernelLab.kernelCannotHaveIpvs(), "this kernel has IPVS or could load ip_vs; the kernel lab covers it");
        Map<String, String> master = Map.of("state", "master");
        assertEquals(OcfResult.NOT_RUNNING, agent.monitor(CONTEXT, master).result());
        assertEquals(new LvsSyncDaemonSwapAgent.LegacyStatus("master stopped", 0), agent.legacyStatus(CONTEXT, master));
        assertTrue(agent.stop(CONTEXT, master).isSuccess(), "a stop that fails would make Heartbeat reboot the node");
        assertEquals(ActionResult.of(OcfResult.ERR_INSTALLED, "IPVS is not available in this kernel: modprobe ip_vs"),
                agent.start(CONTEXT, master));
    }
}
