package org.jheartbeat.cli.membership;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jheartbeat.cli.Launched;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cl_status, hb_standby and hb_takeover of the built distribution against a real daemon in a
 * network namespace (x1, with peer x2 and a ping node), then with that daemon gone: every
 * sub-command's output, stream and exit code as in the spec's cl_status table.
 */
@Tag("netns")
class ClStatusNetnsTest {

    /** Heartbeat's log line on stderr: {@code Mon DD HH:MM:SS HOST cl_status: [PID]: ERROR: TEXT}. */
    private static final String LOG_PREFIX = "[A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2} \\S+ cl_status: \\[\\d+\\]: ERROR: ";

    @TempDir
    Path dir;
    NetnsLab lab;
    HeartbeatNode x1;
    HeartbeatNode x2;
    String gateway;

    @BeforeEach
    void cluster() throws IOException {
        Assumptions.assumeTrue(NetnsLab.isRoot(), "needs root to create network namespaces");
        Assumptions.assumeTrue(Files.isExecutable(HeartbeatNode.LAUNCHER),
                "needs the built distribution (mvn package -DskipTests) at " + HeartbeatNode.LAUNCHER);
        lab = new NetnsLab();
        int b = lab.bridge();
        lab.plug("x1", "eth0", b, 1);
        lab.plug("x2", "eth0", b, 2);
        gateway = lab.bridgeAddress(b, 254);
        String media = "bcast eth0\nping " + gateway + "\nrespawn hacluster /usr/lib/heartbeat/ipfail\n";
        x1 = new HeartbeatNode(lab, "x1", dir.resolve("x1"),
                MembershipNetnsTest.TIMERS + media + "node x1 x2\n", MembershipNetnsTest.KEY).start();
        x2 = new HeartbeatNode(lab, "x2", dir.resolve("x2"),
                MembershipNetnsTest.TIMERS + media + "node x1 x2\n", MembershipNetnsTest.KEY).start();
        MembershipNetnsTest.awaitSees(x1, "x2", "active");
        MembershipNetnsTest.awaitSees(x1, gateway, "ping");
    }

    @AfterEach
    void teardown() {
        if (lab != null) {
            lab.close();
        }
    }

    private Launched cl(String... args) throws IOException, InterruptedException {
        return clOn("x1", args);
    }

    private Launched clOn(String node, String... args) throws IOException, InterruptedException {
        return Launched.run(Map.of("JHEARTBEAT_RUN_DIR", dir.resolve(node + "/run").toString()), "cl_status", args);
    }

    private Launched command(String program, String... args) throws IOException, InterruptedException {
        return Launched.run(Map.of("JHEARTBEAT_RUN_DIR", dir.resolve("x1/run").toString()), program, args);
    }

    private static void expect(Launched run, int exit, String out, String err) {
        assertEquals(exit, run.exit(), run.describe());
        assertEquals(out, run.out(), run.describe());
        assertEquals(err, run.err(), run.describe());
    }

    /** Exit code, stdout, and stderr made of log-format ERROR lines with these texts. */
    private static void expectErrors(Launched run, int exit, String out, String... errors) {
        assertEquals(exit, run.exit(), run.describe());
        assertEquals(out, run.out(), run.describe());
        List<String> lines = run.err().lines().toList();
        assertEquals(errors.length, lines.size(), run.describe());
        for (int i = 0; i < errors.length; i++) {
            assertTrue(Pattern.matches(LOG_PREFIX + Pattern.quote(errors[i]), lines.get(i)), run.describe());
        }
    }

    @Test
    void everySubCommandWhileRunningThenWithThePeerDeadThenWithTheDaemonStopped() throws Exception {
        String g = gateway;
        expect(cl("hbstatus"), 0, "Heartbeat is running on this machine.\n", "");
        Launched verbose = cl("hbstatus", "-v");
        assertEquals(0, verbose.exit(), verbose.describe());
        assertTrue(Pattern.matches("version:\t3\\.0\\.6 \\(jheartbeat[^)]*\\)\n", verbose.out().lines().findFirst()
                .orElseThrow() + "\n"), verbose.describe());
        assertTrue(verbose.out().endsWith("managed by:\t\"haresources\"\n"
                + "\n" + g + "\tping\t(nodetype: ping)\n\t" + g + "\tup\n"
                + "\nx2\tactive\t(nodetype: normal)\n\teth0\tup\n"
                + "\nx1\tactive\t(nodetype: normal)\n\teth0\tup\n"), verbose.describe());
        Launched human = cl("hbstatus", "-v", "-m");
        assertTrue(human.out().contains("Resources controlled by \"haresources\"\nThe nodes are as follow:\n\n"
                + g + "\tping\t(nodetype: ping)\n\tthis node has the following heartbeat links:\n\t" + g + "\tup\n"),
                human.describe());

        expect(cl("listnodes"), 0, g + "\nx2\nx1\n", "");
        expect(cl("listnodes", "-n"), 0, "x2\nx1\n", "");
        expect(cl("listnodes", "-p"), 0, g + "\n", "");
        expect(cl("listnodes", "-np"), 0, g + "\nx2\nx1\n", "");
        expect(cl("listnodes", "-p", "-m"), 0, "The nodes are as follow:\n" + g + "\n", "");
        expect(cl("listnodes", "-n", "-v"), 0, "\nx2\tactive\t(nodetype: normal)\n\teth0\tup\n"
                + "\nx1\tactive\t(nodetype: normal)\n\teth0\tup\n", "");

        expect(cl("nodestatus", "x2"), 0, "active\n", "");
        expect(cl("nodestatus", "X1", "-m"), 0, "The cluster node X1 is active\n", "");
        expect(cl("nodestatus", g), 0, "ping\n", "");
        expect(cl("nodestatus"), 11, "", "Not enough parameters.\n");
        expect(cl("nodestatus", "x9"), 11, "", "Error. May be due to incorrect node name\n");
        expect(cl("nodetype", "x1"), 0, "normal\n", "");
        expect(cl("nodetype", "-m", g), 0, "The node " + g + "'s type: ping\n", "");
        expect(cl("nodetype"), 11, "", "No enough parameter.\n");
        expect(cl("nodetype", "x9"), 11, "", "Error. May be due to incorrect node name\n");
        expect(cl("nodeweight", "x1"), 0, "100\n", "");
        expect(cl("nodeweight", "-m", "x1"), 0, "The weight of the cluster node x1 is 100\n", "");
        expect(cl("nodeweight"), 11, "", "Not enough parameters.\n");
        expect(cl("nodeweight", "x9"), 11, "", "Error. Maybe due to incorrect node name.\n");
        expect(cl("nodesite", "x1"), 0, "\n", "");
        expect(cl("nodesite", "x1", "-m"), 0, "The site of the cluster node x1 is \n", "");
        expect(cl("nodesite", "x9"), 11, "", "Error. May be due to incorrect node name\n");

        expect(cl("listhblinks", "x1"), 0, "\teth0\n", "");
        expect(cl("listhblinks", "-v", "x2"), 0, "\teth0\tup\n", "");
        expect(cl("listhblinks", "-m", g), 0, "\tthis node has the following heartbeat links:\n\t" + g + "\n", "");
        expect(cl("listhblinks"), 11, "", "No enough parameter.\n");
        expectErrors(cl("listhblinks", "x9"), 13, "", "Cannot start heartbeat link interface walk.",
                "REASON: unknown node x9");
        expect(cl("hblinkstatus", "x2", "eth0"), 0, "up\n", "");
        expect(cl("hblinkstatus", "-m", "x2", "eth0"), 0, "The node x2's heartbeat link eth0 is up\n", "");
        expect(cl("hblinkstatus", "x2"), 11, "", "No enough parameter.\n");
        expectErrors(cl("hblinkstatus", "x2", "eth9"), 13, "", "Cannot get heartbeat link status", "REASON: ");

        // The membership-only daemon starts no respawn clients, so ipfail is truthfully offline.
        expect(cl("clientstatus", "x1", "ipfail"), 1, "offline\n", "");
        expect(cl("clientstatus", "x1", "ipfail", "3000"), 1, "offline\n", "");
        expect(cl("clientstatus", "x1"), 11, "", "No enough parameter.\n");
        expectErrors(cl("clientstatus", "x9", "ipfail"), 13, "", "Cannot get heartbeat client ipfail's status",
                "REASON: unknown node x9");

        // Even with no groups the start-up hand-shake runs (both starting: a 10 s wait); then each
        // node claims its local set, as Heartbeat's hold set does whatever haresources lists. Both
        // must be settled before hb_standby: a request while the peer is in flux is ignored.
        await().atMost(Duration.ofSeconds(30)).until(() -> cl("rscstatus").out().equals("local\n")
                && clOn("x2", "rscstatus").out().equals("local\n"));
        expect(cl("rscstatus"), 0, "local\n", "");
        expect(cl("rscstatus", "-m"), 0, "This node is holding local resources.\n", "");

        expect(cl("hbparameter", "-p", "deadtime"), 0, "500ms\n", "");
        expect(cl("hbparameter", "-pkeepalive"), 0, "100ms\n", "");
        expect(cl("hbparameter", "-m", "-p", "auto_failback"), 0, "Heartbeat parameter auto_failback's value: off\n", "");
        expect(cl("hbparameter", "-p", "udpport"), 0, "6940\n", "");
        expectErrors(cl("hbparameter", "-p", "node"), 1, "", "Cannot get parameter node's value", "REASON: ");
        expectErrors(cl("hbparameter"), 11, "", "parameter name required");
        Launched missingValue = cl("hbparameter", "-p");
        assertEquals(11, missingValue.exit(), missingValue.describe());
        assertTrue(missingValue.err().startsWith("hbparameter: option requires an argument -- 'p'\n"),
                missingValue.describe());
        Launched badOption = cl("listnodes", "-x");
        assertEquals(11, badOption.exit(), badOption.describe());
        assertTrue(badOption.err().startsWith("listnodes: invalid option -- 'x'\n"), badOption.describe());

        expectErrors(cl("bogus"), 11, "", "bogus: invalid sub-command.");
        for (Launched help : List.of(cl(), cl("-h"))) {
            assertEquals(0, help.exit(), help.describe());
            assertTrue(help.out().contains("hbparameter -p NAME"), help.describe());
        }

        // hb_standby / hb_takeover reach the daemon's resource manager, which accepts them.
        Launched standby = command("hb_standby");
        assertEquals(0, standby.exit(), standby.describe());
        assertTrue(Pattern.matches("\\d{4}/\\d{2}/\\d{2}_\\d{2}:\\d{2}:\\d{2} info: Going standby \\[all\\]\\.\n",
                standby.err()), standby.describe());
        assertTrue(Files.readString(x1.log()).contains("info: Going standby [all]."));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(x1.log())
                .contains("Other node completed standby takeover of all resources."));
        Launched takeover = command("hb_takeover", "local");
        assertEquals(0, takeover.exit(), takeover.describe());

        x2.kill9();
        MembershipNetnsTest.awaitSees(x1, "x2", "dead");
        expect(cl("nodestatus", "x2"), 1, "dead\n", "");
        expect(cl("hblinkstatus", "x2", "eth0"), 1, "dead\n", "");

        x1.kill9(); // its socket file stays behind: nobody accepts on it any more
        await().atMost(Duration.ofSeconds(10)).until(() -> !x1.alive());
        expect(cl("hbstatus"), 1, "Heartbeat is stopped on this machine.\n", "");
        expect(cl("hbstatus", "-v"), 1, "Heartbeat is stopped on this machine.\n"
                + "(hb_api_signon: Can't initiate connection to heartbeat)\n", "");
        for (String[] args : List.of(new String[] {"listnodes"}, new String[] {"nodestatus", "x1"},
                new String[] {"rscstatus"}, new String[] {"hbparameter", "-p", "deadtime"},
                new String[] {"nodestatus"})) {
            expectErrors(cl(args), 1, "", "Cannot signon with heartbeat",
                    "REASON: hb_api_signon: Can't initiate connection to heartbeat");
        }
        Launched noDaemon = command("hb_standby", "foreign");
        assertEquals(1, noDaemon.exit(), noDaemon.describe());
        assertTrue(noDaemon.err().contains("hb_standby: Heartbeat is not currently running"), noDaemon.describe());
    }
}
