package org.jheartbeat.cli.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
 * Seed setup (b), end to end on real IPVS: two dedicated directors (Debian style) with
 * heartbeats over a broadcast crossover link and multicast on the LAN, {@code auth 3 md5},
 * haresources {@code IPaddr2} VIP + {@code ldirectord}; two web servers behind LVS-DR with
 * quiescent=yes and the director's own "sorry" server as fallback. The files are in
 * {@code seeds/b-dedicated-directors}.
 *
 * <p>One test walks through what the admin relies on, in order, because starting the two
 * daemons is most of its cost in the emulated lab: both real servers answer through the VIP;
 * a dead real server is quiesced (weight 0) and traffic avoids it, with both dead the sorry
 * server answers, and they come back; hb_standby moves the VIP and the IPVS table to the peer
 * and hb_takeover brings them back; the active director dies (kill -9, cables dead) and the
 * peer carries on.
 */
@Tag("kernel")
class DedicatedDirectorsKernelTest {

    private static final String SEED = "b-dedicated-directors";
    private static final String VIP = "10.3.0.100";
    private static final Duration DEADTIME = Duration.ofSeconds(4);
    private static final Duration CHECK = Duration.ofSeconds(1 + 2); // checkinterval + checktimeout

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
    void clientsAreServedThroughRealServerFailuresSwitchOversAndTheActiveDirectorsDeath() throws Exception {
        lab = SeedLab.open(dir);
        Namespace d1 = lab.host("director1", "eth0=lan=10.3.0.1/24", "eth1=link=10.3.1.1/24");
        Namespace d2 = lab.host("director2", "eth0=lan=10.3.0.2/24", "eth1=link=10.3.1.2/24");
        Namespace rs1 = lab.host("rs1", "eth0=lan=10.3.0.11/24");
        Namespace rs2 = lab.host("rs2", "eth0=lan=10.3.0.12/24");
        Namespace clientHost = lab.host("client", "eth0=lan=10.3.0.200/24");
        WebServer web1 = lab.webServer(rs1, "rs1", "/check.html", "OK");
        WebServer web2 = lab.webServer(rs2, "rs2", "/check.html", "OK");
        for (Namespace rs : List.of(rs1, rs2)) {
            SeedLab.vipOnLoopback(rs, VIP);
        }
        lab.webServer(d1, "sorry from director1", "/check.html", "OK");
        lab.webServer(d2, "sorry from director2", "/check.html", "OK");
        WebClient client = new WebClient(clientHost, VIP);

        lab.phase("b", "machines ready");

        // both directors start together, as after a power cut; the group's home is director1
        SeedDirector director1 = lab.director(d1, "director1", SEED).start();
        SeedDirector director2 = lab.director(d2, "director2", SEED).start();
        // (each has done its local acquisition; director2 has no local group)
        assertEquals("local/local", lab.awaitHolder(director1, director2, VIP, "eth0"));
        lab.phase("b", "daemons up, director1 active");

        // both real servers answer through the VIP, which is on director1's eth0
        lab.awaitThat("rs1 and rs2 answer through the VIP", () -> bothAnswer(client));

        // rs1 fails: quiesced to weight 0 (quiescent=yes), no new connection goes to it
        long failed = System.nanoTime();
        web1.stop();
        lab.awaitThat("rs1 at weight 0 in director1's table", () -> weight(d1, "10.3.0.11:80") == 0);
        Duration avoided = Duration.ofNanos(System.nanoTime() - failed);
        assertEquals(Map.of("rs2", 6), client.answers(6), "every new connection goes to rs2");
        System.out.printf("seed b: a stopped real server was at weight 0 after %d ms (checkinterval + checktimeout"
                + " = %d ms)%n", avoided.toMillis(), CHECK.toMillis());

        lab.phase("b", "rs1 quiesced");
        // both fail: the fallback (the director's own web server) answers
        web2.stop();
        lab.awaitThat("the sorry server answers", () -> client.get().equals("sorry from director1"));
        // and they come back
        web1.start();
        web2.start();
        lab.awaitThat("rs1 and rs2 answer again", () -> bothAnswer(client));

        lab.phase("b", "fallback served and real servers back");
        // hb_standby on director1: VIP and IPVS table move to director2; hb_takeover brings them back
        director1.tool("hb_standby");
        assertEquals("all/none", lab.awaitHolder(director2, director1, VIP, "eth0"));
        assertFalse(SeedLab.ipvsadm(d1).contains(VIP), "ldirectord cleaned up on director1: " + SeedLab.ipvsadm(d1));
        lab.awaitThat("rs1 and rs2 answer through director2", () -> bothAnswer(client));
        director1.tool("hb_takeover");
        assertEquals("all/none", lab.awaitHolder(director1, director2, VIP, "eth0"));
        assertFalse(SeedLab.ipvsadm(d2).contains(VIP), "ldirectord cleaned up on director2: " + SeedLab.ipvsadm(d2));
        lab.awaitThat("rs1 and rs2 answer through director1 again", () -> bothAnswer(client));

        lab.phase("b", "hb_standby and hb_takeover done");
        // director1 dies: director2 takes the VIP and the table, clients are served again
        long died = System.nanoTime();
        SeedLab.pullThePlug(director1, "eth0", "eth1");
        Duration outage = lab.awaitService(client, null, answer -> answer.startsWith("rs"), died,
                "a real server answers through director2");
        lab.awaitRsc(director2, "all");
        lab.awaitThat("rs1 and rs2 answer through director2", () -> bothAnswer(client));
        lab.phase("b", "director2 serves after director1's death");
        System.out.printf("seed b: service interrupted for %d ms after kill -9 of the active director"
                + " (deadtime %d ms)%n", outage.toMillis(), DEADTIME.toMillis());
    }

    private static boolean bothAnswer(WebClient client) {
        Map<String, Integer> answers = client.answers(6);
        return answers.getOrDefault("rs1", 0) > 0 && answers.getOrDefault("rs2", 0) > 0
                && answers.getOrDefault("failed", 0) == 0;
    }

    /** The weight of real {@code rip} in a director's {@code ipvsadm -L -n}; -1 when absent. */
    static int weight(Namespace director, String rip) throws Exception {
        for (String line : SeedLab.ipvsadm(director).split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 4 && f[0].equals("->") && f[1].equals(rip)) {
                return Integer.parseInt(f[3]);
            }
        }
        return -1;
    }
}
