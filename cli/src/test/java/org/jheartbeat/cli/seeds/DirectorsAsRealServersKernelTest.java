package org.jheartbeat.cli.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
 * heartbeats over {@code mcast eth0}, {@code auto_failback off}, the LAN's gateway as ping node
 * and {@code respawn hacluster /usr/lib/heartbeat/ipfail}. The files are in
 * {@code seeds/a-directors-are-real-servers}.
 *
 * <p>The client has several addresses, because persistence keeps each address on one server.
 * One walk: both servers answer; a stopped web server is taken out of the table and traffic
 * avoids it; hb_standby moves VIP, table and master sync daemon to lvs3 and hb_takeover brings
 * them back (lvs3 then runs the backup sync daemon); lvs2 loses its path to the gateway, and
 * ipfail moves everything to lvs3, where it stays when the path comes back; the gateway dies,
 * both directors see no ping node, and nothing moves; lvs3 dies (kill -9, cable dead) while a
 * client holds a connection that lvs3 had sent to lvs2: lvs2 takes over, knows the connection
 * from the sync daemon, and the connection goes on.
 */
@Tag("kernel")
class DirectorsAsRealServersKernelTest {

    private static final String SEED = "a-directors-are-real-servers";
    private static final String VIP = "10.2.0.100";
    private static final Duration DEADTIME = Duration.ofSeconds(4);
    /** Each director's web server as a real server of ldirectord.cf, by the name it answers with. */
    private static final Map<String, String> REAL_SERVERS = Map.of("lvs2", "10.2.0.2:80", "lvs3", "10.2.0.3:80");
    /** The LAN's gateway, ha.cf's ping node: any namespace answers ICMP echo. */
    private static final String GATEWAY = "10.2.0.254";
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
    void clientsAreServedThroughServerFailuresSwitchOversIpfailAndTheActiveDirectorsDeath() throws Exception {
        lab = SeedLab.open(dir);
        Namespace n2 = lab.host("lvs2", "eth0=lan=10.2.0.2/24");
        Namespace n3 = lab.host("lvs3", "eth0=lan=10.2.0.3/24");
        Namespace clientHost = lab.host("client", "eth0=lan=10.2.0.200/24");
        Namespace gateway = lab.host("gateway", "eth0=lan=" + GATEWAY + "/24"); // ha.cf's ping node
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

        // ipfail: the active director lvs2 loses its path to the gateway, so lvs3 gets everything
        ipfailMovesTheGroupAndItStays(lvs2, lvs3, client);
        lab.phase("a", "ipfail moved the group to lvs3 and it stayed");
        // the gateway itself goes away: both see no ping node, and nothing moves (it stays away
        // for the rest of the walk, which does not need it)
        gatewayDiesAndNothingMoves(gateway, lvs3, lvs2, client);
        lab.phase("a", "both lost the ping node, nothing moved");

        // lvs3 dies (kill -9, cable dead) while a client holds a connection that lvs3 scheduled to
        // lvs2; lvs2 learned it from the sync daemon, takes over and the connection goes on
        activeDirectorDies(lvs3, lvs2, client);
    }

    /**
     * Cuts {@code active}'s path to the gateway (a blackhole route on its side only): its ipfail
     * sees fewer ping nodes than the peer's and hands the whole group over by the standby
     * protocol. The path comes back: the counts are balanced again, and with auto_failback off
     * the group stays where it is.
     */
    private void ipfailMovesTheGroupAndItStays(SeedDirector active, SeedDirector other, WebClient client)
            throws Exception {
        Namespace from = active.namespace();
        Namespace to = other.namespace();
        lab.awaitThat("both directors see the gateway", () ->
                active.nodeStatus(GATEWAY).equals("ping") && other.nodeStatus(GATEWAY).equals("ping"));
        lab.awaitThat("each director sees the other's ipfail online", () ->
                clStatus(active, "clientstatus", other.node(), "ipfail").equals("online\n")
                        && clStatus(other, "clientstatus", active.node(), "ipfail").equals("online\n"));
        assertEquals("ping\n", clStatus(active, "nodestatus", GATEWAY));

        long cut = System.nanoTime();
        from.ip("route", "add", "blackhole", GATEWAY + "/32");
        assertEquals("all/none", lab.awaitHolder(other, active, VIP, "eth0"));
        Duration moved = Duration.ofNanos(System.nanoTime() - cut);
        assertEquals("dead\n", clStatus(active, "nodestatus", GATEWAY));
        assertEquals("ping\n", clStatus(other, "nodestatus", GATEWAY));
        assertTrue(SeedLab.addresses(from, "lo").contains(VIP + "/32"), "the VIP went back to lo: "
                + SeedLab.addresses(from, "lo"));
        assertFalse(SeedLab.addresses(to, "lo").contains(VIP + "/"), "the VIP left lo: " + SeedLab.addresses(to, "lo"));
        lab.awaitThat("the table with both real servers moved", () -> SeedLab.ipvsadm(to).contains("10.2.0.2:80")
                && SeedLab.ipvsadm(to).contains("10.2.0.3:80") && !SeedLab.ipvsadm(from).contains(VIP + ":80"));
        lab.awaitThat(other.node() + " master, " + active.node() + " backup", () ->
                syncDaemons(to).contains("master sync daemon") && syncDaemons(from).contains("backup sync daemon"));
        lab.awaitThat("both answer through " + other.node(), () -> bothAnswer(client, LATER_CLIENTS));
        assertTrue(active.haLog().contains("Giving up because we were told that we have less ping nodes."),
                active.haLog());
        assertTrue(other.haLog().contains("Telling other node that we have more visible ping nodes."),
                other.haLog());
        System.out.printf("seed a: ipfail moved the group %d ms after the active director's path to the ping node"
                + " was cut (deadping %d ms)%n", moved.toMillis(), DEADTIME.toMillis());

        int activeLog = active.haLog().length();
        int otherLog = other.haLog().length();
        from.ip("route", "del", "blackhole", GATEWAY + "/32");
        lab.awaitThat(active.node() + " sees the gateway again and " + other.node() + " finds the counts balanced",
                () -> active.nodeStatus(GATEWAY).equals("ping")
                        && other.haLog().substring(otherLog).contains("Ping node count is balanced.")
                        && active.haLog().substring(activeLog).contains("No giveup timer to abort."));
        assertEquals("all/none", other.rscStatus() + "/" + active.rscStatus(), "auto_failback off: the group stays");
        assertTrue(SeedLab.addresses(to, "eth0").contains(" " + VIP + "/"), SeedLab.addresses(to, "eth0"));
        assertTrue(bothAnswer(client, LATER_CLIENTS), "both answer through " + other.node());
    }

    /**
     * The gateway goes down: each director's ipfail sees no ping node, asks the other, finds the
     * counts balanced (0 and 0) and cancels any give-up; the group stays on {@code active}.
     */
    private void gatewayDiesAndNothingMoves(Namespace gateway, SeedDirector active, SeedDirector other,
                                            WebClient client) throws Exception {
        int activeLog = active.haLog().length();
        int otherLog = other.haLog().length();
        gateway.ip("link", "set", "eth0", "down");
        lab.awaitThat("both directors lost the gateway and found the counts balanced", () ->
                active.nodeStatus(GATEWAY).equals("dead") && other.nodeStatus(GATEWAY).equals("dead")
                        && settledWithoutGiveup(active.haLog().substring(activeLog))
                        && settledWithoutGiveup(other.haLog().substring(otherLog)));
        assertFalse(active.haLog().substring(activeLog).contains("giveup() called"), active.haLog());
        assertEquals("dead\n", clStatus(active, "nodestatus", GATEWAY));
        assertEquals("all/none", active.rscStatus() + "/" + other.rscStatus(), "nothing moved");
        assertTrue(SeedLab.addresses(active.namespace(), "eth0").contains(" " + VIP + "/"));
        assertTrue(bothAnswer(client, LATER_CLIENTS), "both still answer through " + active.node());
    }

    /**
     * kill -9 of {@code active} (and its cable dead) while a client holds a connection that it
     * scheduled to {@code survivor}, which learned it from the sync daemon: the survivor takes
     * over after deadtime and the connection goes on.
     */
    private void activeDirectorDies(SeedDirector active, SeedDirector survivor, WebClient client) throws Exception {
        String serving = webServerOf(survivor);
        WebClient.KeptConnection kept = connectionServedBy(client, serving);
        String source = kept.localAddress();
        lab.awaitThat(survivor.node() + " knows " + source + " from the sync daemon", () ->
                InNamespace.run(survivor.namespace(), "ipvsadm", "-L", "-n", "-c").contains(source));

        long died = System.nanoTime();
        SeedLab.pullThePlug(active, "eth0");
        // The kept connection asks at once and then waits for TCP's retransmissions, which back
        // off (0.2, 0.4, 0.8, 1.6, 3.2 s...): it answers at the first retransmission after the
        // takeover. New connections are probed meanwhile, so their time is the takeover's own.
        CompletableFuture<Answer> again = CompletableFuture.supplyAsync(() -> {
            try {
                String answer = kept.ask(60_000);
                return new Answer(answer, Duration.ofNanos(System.nanoTime() - died));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Duration outage = lab.awaitService(client, source.substring(0, source.indexOf(':')), serving::equals, died,
                "a new connection from " + source + " is served");
        // ldirectord starts with the fallback (127.0.0.1:80, the survivor's own web server) and
        // adds the real servers after its first check round, as Perl ldirectord does at start
        String realServer = REAL_SERVERS.get(serving);
        lab.awaitThat(realServer + " in " + survivor.node() + "'s table", () ->
                SeedLab.ipvsadm(survivor.namespace()).contains(realServer));
        Duration checked = Duration.ofNanos(System.nanoTime() - died);
        Answer keptAnswer = again.get(60, TimeUnit.SECONDS);
        assertEquals(serving, keptAnswer.server(), "the established connection goes on, still served by " + serving);
        lab.awaitRsc(survivor, "all");
        lab.phase("a", survivor.node() + " serves after " + active.node() + "'s death");
        System.out.printf("seed a: after kill -9 of the active director new connections were served after %d ms"
                + " (deadtime %d ms), the real server was in the table after %d ms; the established connection"
                + " answered after %d ms (at its TCP retransmission)%n", outage.toMillis(), DEADTIME.toMillis(),
                checked.toMillis(), keptAnswer.after().toMillis());
        kept.close();
    }

    /** What the kept connection got, and when. */
    private record Answer(String server, Duration after) {
    }

    /** The name the director's own web server answers with (its short host name). */
    private static String webServerOf(SeedDirector director) {
        return director.node().substring(0, director.node().indexOf('.'));
    }

    /** What {@code cl_status ARGS} prints on {@code director}, whatever its exit status. */
    private static String clStatus(SeedDirector director, String... arguments) throws Exception {
        return director.run("cl_status", arguments).output();
    }

    /**
     * Whether this part of an ha-log shows ipfail settled after losing the ping node: it knows it
     * sees none, an abort_giveup reached it, and every give-up it delayed was aborted.
     */
    private static boolean settledWithoutGiveup(String log) {
        boolean aborted = log.contains("No giveup timer to abort.") || log.contains("Aborted delayed giveup (");
        return log.contains("We are dead. :<") && aborted
                && count(log, "Delayed giveup in ") == count(log, "Aborted delayed giveup (")
                        + count(log, "giveup() called");
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
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
