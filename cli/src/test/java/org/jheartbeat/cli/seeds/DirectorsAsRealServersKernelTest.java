package org.jheartbeat.cli.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jheartbeat.agents.testing.InNamespace;
import org.jheartbeat.agents.testing.Namespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed setup (a), end to end on real IPVS: two directors that are also the web servers. Both
 * carry the VIP on lo (arp_ignore=1, arp_announce=2); haresources {@code IPaddr2} (lvs_support:
 * the active director moves the VIP from lo to eth0), {@code ldirectord} (rr, persistent 600,
 * quiescent=no, checking both directors' own web servers) and {@code LVSSyncDaemonSwap::master};
 * heartbeats over {@code mcast eth0}, {@code auto_failback off}. The files are in
 * {@code seeds/a-directors-are-real-servers} (without the seed's ping node and ipfail).
 *
 * <p>The client has several addresses, because persistence keeps each address on one server.
 * One walk: both servers answer; a stopped web server is taken out of the table and traffic
 * avoids it; hb_standby moves VIP, table and master sync daemon to lvs3 and hb_takeover brings
 * them back (lvs3 then runs the backup sync daemon); lvs2 dies (kill -9, cable dead) while a
 * client holds a connection that lvs2 had sent to lvs3: lvs3 takes over, knows the connection
 * from the sync daemon, and the connection goes on.
 */
@Tag("kernel")
class DirectorsAsRealServersKernelTest {

    private static final String SEED = "a-directors-are-real-servers";
    private static final String VIP = "10.2.0.100";
    private static final Duration DEADTIME = Duration.ofSeconds(4);
    /**
     * Client addresses. Persistence (600 s) keeps an address on the server it first reached, and
     * while lvs3's web server is down every address of the first set is sent to lvs2 for good,
     * as the seed's admin notes; so the steps after that use addresses that are new to the table.
     */
    private static final List<String> CLIENTS = List.of("10.2.0.201", "10.2.0.202", "10.2.0.203", "10.2.0.204",
            "10.2.0.205", "10.2.0.206");
    private static final List<String> LATER_CLIENTS = List.of("10.2.0.211", "10.2.0.212", "10.2.0.213",
            "10.2.0.214", "10.2.0.215", "10.2.0.216");

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
    void connectionsSurviveTheActiveDirectorsDeathThroughTheSyncDaemon() throws Exception {
        lab = SeedLab.open(dir);
        Namespace n2 = lab.host("lvs2", "eth0=lan=10.2.0.2/24");
        Namespace n3 = lab.host("lvs3", "eth0=lan=10.2.0.3/24");
        Namespace clientHost = lab.host("client", "eth0=lan=10.2.0.200/24");
        for (String address : java.util.stream.Stream.concat(CLIENTS.stream(), LATER_CLIENTS.stream()).toList()) {
            clientHost.ip("addr", "add", address + "/24", "dev", "eth0");
        }
        SeedLab.vipOnLoopback(n2, VIP);
        SeedLab.vipOnLoopback(n3, VIP);
        lab.webServer(n2, "lvs2", "/ldirectord.html", "It worked");
        WebServer web3 = lab.webServer(n3, "lvs3", "/ldirectord.html", "It worked");
        WebClient client = new WebClient(clientHost, VIP);
        lab.phase("a", "machines ready");

        SeedDirector lvs2 = lab.director(n2, "lvs2.mydomain.com", SEED).start();
        SeedDirector lvs3 = lab.director(n3, "lvs3.mydomain.com", SEED).start();
        assertEquals("local/local", lab.awaitHolder(lvs2, lvs3, VIP, "eth0"));
        lab.phase("a", "daemons up, lvs2 active");

        // IPaddr2 took the VIP from lvs2's lo; lvs3 keeps it on lo; lvs2 runs the master sync daemon
        assertFalse(SeedLab.addresses(n2, "lo").contains(VIP), SeedLab.addresses(n2, "lo"));
        assertTrue(SeedLab.addresses(n3, "lo").contains(VIP + "/32"), SeedLab.addresses(n3, "lo"));
        lab.awaitThat("lvs2 runs the master sync daemon", () -> syncDaemons(n2).contains("master sync daemon"));
        lab.awaitThat("both directors' web servers answer through the VIP", () -> bothAnswer(client, CLIENTS));

        // lvs3's web server stops: ldirectord removes it (quiescent=no), every client goes to lvs2
        long failed = System.nanoTime();
        web3.stop();
        lab.awaitThat("lvs3 removed from the table", () -> !SeedLab.ipvsadm(n2).contains("10.2.0.3:80"));
        System.out.printf("seed a: a stopped real server was out of the table after %d ms%n",
                (System.nanoTime() - failed) / 1_000_000);
        Map<String, Integer> answers = answersFrom(client, CLIENTS);
        assertEquals(Map.of("lvs2", CLIENTS.size()), answers, "every client, persistent or not, goes to lvs2");
        web3.start();
        lab.awaitThat("lvs3 back in the table", () -> SeedLab.ipvsadm(n2).contains("10.2.0.3:80"));
        assertEquals(Map.of("lvs2", CLIENTS.size()), answersFrom(client, CLIENTS),
                "persistence keeps the first clients on lvs2");
        lab.awaitThat("new clients reach both again", () -> bothAnswer(client, LATER_CLIENTS));
        lab.phase("a", "real server failure followed");

        // hb_standby: VIP, table and master sync daemon move to lvs3, lvs2 becomes sync backup
        lvs2.tool("hb_standby");
        assertEquals("all/none", lab.awaitHolder(lvs3, lvs2, VIP, "eth0"));
        assertTrue(SeedLab.addresses(n2, "lo").contains(VIP + "/32"), "the VIP went back to lvs2's lo");
        lab.awaitThat("lvs3 master, lvs2 backup", () -> syncDaemons(n3).contains("master sync daemon")
                && syncDaemons(n2).contains("backup sync daemon"));
        lab.awaitThat("both answer through lvs3", () -> bothAnswer(client, LATER_CLIENTS));
        // hb_takeover: everything back on lvs2, and lvs3 now runs the backup sync daemon
        lvs2.tool("hb_takeover");
        assertEquals("all/none", lab.awaitHolder(lvs2, lvs3, VIP, "eth0"));
        lab.awaitThat("lvs2 master, lvs3 backup", () -> syncDaemons(n2).contains("master sync daemon")
                && syncDaemons(n3).contains("backup sync daemon"));
        lab.awaitThat("both answer through lvs2 again", () -> bothAnswer(client, LATER_CLIENTS));
        lab.phase("a", "hb_standby and hb_takeover done");

        // a client holds a connection that lvs2 scheduled to lvs3; lvs3 learned it from the sync daemon
        WebClient.KeptConnection kept = connectionServedBy(client, "lvs3");
        String source = kept.localAddress();
        lab.awaitThat("lvs3 knows " + source + " from the sync daemon", () ->
                InNamespace.run(n3, "ipvsadm", "-L", "-n", "-c").contains(source));

        long died = System.nanoTime();
        SeedLab.pullThePlug(lvs2, "eth0");
        String again = kept.ask(60_000);
        Duration connectionGap = Duration.ofNanos(System.nanoTime() - died);
        assertEquals("lvs3", again, "the established connection goes on, still served by lvs3");
        Duration outage = lab.awaitService(client, source.substring(0, source.indexOf(':')), "lvs3"::equals, died,
                "a new connection from " + source + " is served");
        lab.awaitRsc(lvs3, "all");
        lab.phase("a", "lvs3 serves after lvs2's death");
        System.out.printf("seed a: after kill -9 of the active director the established connection answered after"
                + " %d ms, new connections after %d ms (deadtime %d ms)%n", connectionGap.toMillis(),
                outage.toMillis(), DEADTIME.toMillis());
        kept.close();
    }

    private static String syncDaemons(Namespace director) throws Exception {
        return InNamespace.run(director, "ipvsadm", "-L", "--daemon");
    }

    /** One new connection from each of {@code sources}: who answered, and how often. */
    private static Map<String, Integer> answersFrom(WebClient client, List<String> sources) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (String source : sources) {
            answers.merge(client.tryGet(source).orElse("failed"), 1, Integer::sum);
        }
        return answers;
    }

    private static boolean bothAnswer(WebClient client, List<String> sources) {
        Map<String, Integer> answers = answersFrom(client, sources);
        return answers.getOrDefault("lvs2", 0) > 0 && answers.getOrDefault("lvs3", 0) > 0
                && answers.getOrDefault("failed", 0) == 0;
    }

    /** A kept-alive connection from one of the client addresses that {@code server} answered. */
    private static WebClient.KeptConnection connectionServedBy(WebClient client, String server) throws Exception {
        List<WebClient.KeptConnection> others = new ArrayList<>();
        try {
            for (String source : LATER_CLIENTS) {
                WebClient.KeptConnection connection = client.keepAlive(source);
                if (connection.ask(3000).equals(server)) {
                    return connection;
                }
                others.add(connection);
            }
        } finally {
            for (WebClient.KeptConnection other : others) {
                other.close();
            }
        }
        throw new AssertionError("no client address is served by " + server);
    }
}
