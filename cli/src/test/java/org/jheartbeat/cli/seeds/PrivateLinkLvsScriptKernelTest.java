package org.jheartbeat.cli.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jheartbeat.agents.testing.Namespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed setup (c), end to end on real IPVS: a director pair whose only heartbeat medium is
 * {@code ucast eth1} on a private cable, with haresources {@code loadb1 10.1.0.100/24/eth0 lvs}:
 * a bare IP (IPaddr, an {@code eth0:N} alias) and the admin's own LSB init script
 * {@code /etc/init.d/lvs}, which builds the IPVS table with ipvsadm (wlc, direct routing to two
 * web servers). The files are in {@code seeds/c-private-link-lvs-script}.
 *
 * <p>The setup has no health checks (the script's table is static), so there is no real-server
 * failure to follow; the test covers the rest in one walk, as for the other seeds: both web
 * servers answer through the VIP, hb_standby moves VIP and table to loadb2 and hb_takeover
 * brings them back, and the death of loadb1 (kill -9, cables dead) leaves loadb2 serving.
 */
@Tag("kernel")
class PrivateLinkLvsScriptKernelTest {

    private static final String SEED = "c-private-link-lvs-script";
    private static final String VIP = "10.1.0.100";
    private static final Duration DEADTIME = Duration.ofSeconds(4);

    @TempDir
    Path dir;
    private SeedLab lab;

    @AfterEach
    void tearDown() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void theLvsScriptFollowsTheVipThroughSwitchOversAndTheActiveDirectorsDeath() throws Exception {
        lab = SeedLab.open(dir);
        Namespace lb1 = lab.host("loadb1", "eth0=lan=10.1.0.1/24", "eth1=link=10.1.1.1/24");
        Namespace lb2 = lab.host("loadb2", "eth0=lan=10.1.0.2/24", "eth1=link=10.1.1.2/24");
        Namespace rs1 = lab.host("rs1", "eth0=lan=10.1.0.11/24");
        Namespace rs2 = lab.host("rs2", "eth0=lan=10.1.0.12/24");
        Namespace clientHost = lab.host("client", "eth0=lan=10.1.0.200/24");
        for (Namespace rs : List.of(rs1, rs2)) {
            SeedLab.vipOnLoopback(rs, VIP);
        }
        lab.webServer(rs1, "rs1", null, null); // nothing checks them in this setup
        lab.webServer(rs2, "rs2", null, null);
        WebClient client = new WebClient(clientHost, VIP);
        lab.phase("c", "machines ready");

        SeedDirector loadb1 = lab.director(lb1, "loadb1", SEED).start();
        SeedDirector loadb2 = lab.director(lb2, "loadb2", SEED).start();
        assertEquals("local/local", lab.awaitHolder(loadb1, loadb2, VIP, "eth0"));
        lab.phase("c", "daemons up, loadb1 active");

        // the bare IP is an alias of eth0; the lvs script built a wlc table with both web servers
        assertTrue(SeedLab.addresses(lb1, "eth0").contains("eth0:0"), SeedLab.addresses(lb1, "eth0"));
        lab.awaitThat("rs1 and rs2 answer through the VIP", () -> bothAnswer(client));
        String table = SeedLab.ipvsadm(lb1);
        assertTrue(table.contains("TCP  " + VIP + ":80 wlc"), table);
        assertTrue(table.matches("(?s).*-> 10\\.1\\.0\\.11:80 +Route +1 .*-> 10\\.1\\.0\\.12:80 +Route +1 .*"), table);
        assertFalse(SeedLab.ipvsadm(lb2).contains(VIP), "loadb2's table is empty: " + SeedLab.ipvsadm(lb2));

        // hb_standby on loadb1: the address and the table move to loadb2; hb_takeover brings them back
        loadb1.tool("hb_standby");
        assertEquals("all/none", lab.awaitHolder(loadb2, loadb1, VIP, "eth0"));
        assertFalse(SeedLab.ipvsadm(lb1).contains(VIP), "lvs stop cleared loadb1's table: " + SeedLab.ipvsadm(lb1));
        assertTrue(SeedLab.ipvsadm(lb2).contains("TCP  " + VIP + ":80 wlc"), SeedLab.ipvsadm(lb2));
        lab.awaitThat("rs1 and rs2 answer through loadb2", () -> bothAnswer(client));
        lab.phase("c", "hb_standby done");
        loadb1.tool("hb_takeover");
        assertEquals("all/none", lab.awaitHolder(loadb1, loadb2, VIP, "eth0"));
        assertFalse(SeedLab.ipvsadm(lb2).contains(VIP), "lvs stop cleared loadb2's table: " + SeedLab.ipvsadm(lb2));
        lab.awaitThat("rs1 and rs2 answer through loadb1 again", () -> bothAnswer(client));
        lab.phase("c", "hb_takeover done");

        // loadb1 dies: loadb2 hears nothing on the private link, takes the address and runs lvs start
        long died = System.nanoTime();
        SeedLab.pullThePlug(loadb1, "eth0", "eth1");
        Duration outage = lab.awaitService(client, null, answer -> answer.startsWith("rs"), died,
                "a web server answers through loadb2");
        lab.awaitRsc(loadb2, "all");
        lab.awaitThat("rs1 and rs2 answer through loadb2", () -> bothAnswer(client));
        lab.phase("c", "loadb2 serves after loadb1's death");
        System.out.printf("seed c: service interrupted for %d ms after kill -9 of the active director"
                + " (deadtime %d ms)%n", outage.toMillis(), DEADTIME.toMillis());
    }

    private static boolean bothAnswer(WebClient client) {
        Map<String, Integer> answers = client.answers(6);
        return answers.getOrDefault("rs1", 0) > 0 && answers.getOrDefault("rs2", 0) > 0
                && answers.getOrDefault("failed", 0) == 0;
    }
}
