package org.jheartbeat.agents.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.jheartbeat.agents.kernel.ipvs.Ipvs;
import org.jheartbeat.agents.testing.KernelLab;
import org.jheartbeat.agents.testing.InNamespace;
import org.jheartbeat.agents.testing.Namespace;
import org.jheartbeat.agents.testing.NetnsLab;
import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.OcfResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The agent against the real kernel, checked with {@code ipvsadm -L --daemon}. */
@Tag("kernel")
class LvsSyncDaemonSwapKernelTest {

    private static final AgentContext CONTEXT = new AgentContext(Path.of("/etc/ha.d"), "node1");
    private static final String MASTER_LINE =
            "master sync daemon (mcast=eth0, syncid=0, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n";
    private static final String BACKUP_LINE =
            "backup sync daemon (mcast=eth0, syncid=0, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n";

    private NetnsLab lab;
    private Namespace ns;
    private LvsSyncDaemonSwapAgent agent;

    @BeforeEach
    void setUp() throws Exception {
        KernelLab.requireIpvsKernel();
        lab = NetnsLab.create();
        ns = lab.namespace("swap");
        for (String nic : new String[] {"eth0", "eth1"}) {
            ns.ip("link", "add", nic, "type", "dummy");
            ns.ip("link", "set", nic, "up");
        }
        agent = new LvsSyncDaemonSwapAgent(() -> ns.call(Ipvs::open));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    private String daemons() throws Exception {
        return InNamespace.run(ns, "ipvsadm", "-L", "--daemon");
    }

    @Test
    void startMakesThisDirectorTheMasterAndStopSwitchesToBackup() throws Exception {
        Map<String, String> master = Map.of("state", "master");
        Map<String, String> backup = Map.of("state", "backup");
        assertEquals(OcfResult.NOT_RUNNING, agent.monitor(CONTEXT, master).result());
        assertEquals(new LvsSyncDaemonSwapAgent.LegacyStatus("master stopped", 0), agent.legacyStatus(CONTEXT, master));

        assertTrue(agent.start(CONTEXT, master).isSuccess());
        assertEquals(MASTER_LINE, daemons());
        assertEquals(OcfResult.SUCCESS, agent.monitor(CONTEXT, master).result());
        assertEquals(new LvsSyncDaemonSwapAgent.LegacyStatus("master running", 3), agent.legacyStatus(CONTEXT, master));
        assertTrue(agent.start(CONTEXT, master).isSuccess(), "start is idempotent");
        assertEquals(MASTER_LINE, daemons());

        assertTrue(agent.stop(CONTEXT, master).isSuccess());
        assertEquals(BACKUP_LINE, daemons());
        assertEquals(OcfResult.NOT_RUNNING, agent.monitor(CONTEXT, master).result());
        assertEquals(OcfResult.SUCCESS, agent.monitor(CONTEXT, backup).result());
        assertTrue(agent.stop(CONTEXT, master).isSuccess(), "stop is idempotent");
        assertEquals(BACKUP_LINE, daemons());

        assertTrue(agent.start(CONTEXT, master).isSuccess(), "taking the group back stops the backup daemon");
        assertEquals(MASTER_LINE, daemons());
    }

    @Test
    void daemonsStartedByIpvsadmAreRecognisedAndInterfaceAndSyncIdAreUsed() throws Exception {
        InNamespace.run(ns, "ipvsadm", "--start-daemon", "master", "--mcast-interface", "eth0");
        InNamespace.run(ns, "ipvsadm", "--start-daemon", "backup", "--mcast-interface", "eth0");
        Map<String, String> backupOnEth1 = Map.of("state", "backup", "interface", "eth1", "syncid", "7");
        assertEquals(OcfResult.SUCCESS, agent.monitor(CONTEXT, backupOnEth1).result());

        assertTrue(agent.stop(CONTEXT, backupOnEth1).isSuccess(), "stop of backup: backup down, master stays");
        assertEquals(MASTER_LINE, daemons());
        assertTrue(agent.start(CONTEXT, backupOnEth1).isSuccess());
        assertEquals("backup sync daemon (mcast=eth1, syncid=7, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n",
                daemons());
    }
}
