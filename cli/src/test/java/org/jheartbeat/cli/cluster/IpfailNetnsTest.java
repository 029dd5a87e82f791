package org.jheartbeat.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in ipfail between two real daemons: both directors ping a ping node namespace on a
 * network of its own (eth1), while heartbeats travel on eth0. Cutting one director's eth1 makes
 * ipfail hand that director's groups to the other by the standby protocol; the journal of
 * starts and stops must never show a group on both at once.
 */
class IpfailNetnsTest extends TwoDirectorNetnsTest {

    static final String DEADPING = "1";

    @BeforeEach
    void pingNode() throws IOException {
        lab.addPingNodeWithIpfail(DEADPING);
    }

    /** Both ipfails run and each has heard the other's (what cl_status clientstatus reports). */
    private void awaitIpfailsTalking(ClusterNode x1, ClusterNode x2) throws IOException {
        lab.awaitThat("each director sees the other's ipfail online", () ->
                x1.tool("cl_status", "clientstatus", "x2", "ipfail").output().equals("online\n")
                        && x2.tool("cl_status", "clientstatus", "x1", "ipfail").output().equals("online\n"));
    }

    @Test
    void cuttingTheActiveDirectorsPathToThePingNodeMovesAllItsGroupsAndTheyStayWithAutoFailbackOff()
            throws Exception {
        TwoDirectorLab.Directors nodes = lab.x1ThenX2("off");
        ClusterNode x1 = nodes.x1();
        ClusterNode x2 = nodes.x2();
        lab.awaitRsc(x2, "none");
        lab.awaitRsc(x1, "all");
        awaitIpfailsTalking(x1, x2);

        long fault = Journal.nowNanos();
        lab.net.linkDown("x1", "eth1");
        lab.awaitRsc(x2, "all");
        lab.awaitRsc(x1, "none");
        assertTrue(x2.runs("alpha") && x2.runs("beta"));
        assertFalse(x1.runs("alpha") || x1.runs("beta"));
        for (String group : new String[] {"alpha", "beta"}) {
            long started = lab.journal.startedAfter("x2", group, fault).orElseThrow();
            var stoppedFirst = lab.journal.stoppedBefore("x1", group, started);
            if (stoppedFirst.isEmpty()) {
                fail("x2 started " + group + " before x1 stopped it" + lab.logs());
            }
            long stopped = stoppedFirst.getAsLong();
            assertTrue(stopped >= fault);
            report("fault -> " + group + " stopped on x1", stopped - fault);
            report("fault -> " + group + " started on x2", started - fault);
        }
        String x1Log = x1.logText();
        String x2Log = x2.logText();
        assertTrue(x1Log.contains("ipfail: [") && x1Log.contains("info: NS: We are dead. :<"), x1Log);
        assertTrue(x2Log.contains("info: Telling other node that we have more visible ping nodes."), x2Log);
        assertTrue(x1Log.contains("info: Giving up because we were told that we have less ping nodes."), x1Log);
        assertTrue(x1Log.contains("info: Delayed giveup in 0 seconds."), x1Log);
        assertTrue(x1Log.contains("info: giveup() called (timeout worked)"), x1Log);
        assertTrue(x1Log.contains("x1 wants to go standby [all]"), x1Log);
        assertTrue(lineTagged(x1Log, "ipfail", "Giving up because we were told that we have less ping nodes."), x1Log);
        assertTrue(lineTagged(x1Log, "heartbeat", "x1 wants to go standby [all]"), x1Log);

        // The path comes back: the counts are balanced again, and with auto_failback off nothing moves.
        int x2Before = x2.logText().length();
        lab.net.linkUp("x1", "eth1");
        lab.awaitThat("x1's ping node is back and x2 found the counts balanced", () ->
                x2.logText().substring(x2Before).contains("Ping node count is balanced."));
        lab.awaitThat("x1 was told nothing is to be aborted", () ->
                x1.logText().contains("No giveup timer to abort."));
        assertEquals("all", x2.rscStatus());
        assertEquals("none", x1.rscStatus());
        assertFalse(x2.logText().substring(x2Before).contains("Giving up foreign resources"), x2.logText());
    }

    @Test
    void withAutoFailbackOnTheGroupsComeBackWhenThePathReturns() throws Exception {
        TwoDirectorLab.Directors nodes = lab.x1ThenX2("on");
        ClusterNode x1 = nodes.x1();
        ClusterNode x2 = nodes.x2();
        lab.awaitRsc(x1, "local");
        lab.awaitRsc(x2, "local");
        awaitIpfailsTalking(x1, x2);

        lab.net.linkDown("x1", "eth1");
        lab.awaitRsc(x2, "all");
        lab.awaitRsc(x1, "none");
        assertTrue(x2.runs("alpha"));

        long back = Journal.nowNanos();
        lab.net.linkUp("x1", "eth1");
        lab.awaitRuns(x1, "alpha");
        lab.awaitRsc(x1, "local");
        lab.awaitRsc(x2, "local");
        assertFalse(x2.runs("alpha"));
        long started = lab.journal.startedAfter("x1", "alpha", back).orElseThrow();
        report("path back -> alpha started on x1", started - back);
        String x2Log = x2.logText();
        assertTrue(lineTagged(x2Log, "ipfail", "Giving up foreign resources (auto_failback)."), x2Log);
        assertTrue(x2Log.contains("x2 wants to go standby [foreign]"), x2Log);
        assertTrue(x1.logText().contains("A ping node just came up."), x1.logText());
    }

    @Test
    void whenBothDirectorsLoseThePingNodeNothingMoves() throws Exception {
        TwoDirectorLab.Directors nodes = lab.x1ThenX2("off");
        ClusterNode x1 = nodes.x1();
        ClusterNode x2 = nodes.x2();
        lab.awaitRsc(x2, "none");
        lab.awaitRsc(x1, "all");
        awaitIpfailsTalking(x1, x2);
        long startsBefore = lab.journal.entries().size();
        int x1Before = x1.logText().length();
        int x2Before = x2.logText().length();

        lab.net.linkDown("pn", "eth0"); // the ping node itself goes away
        lab.awaitThat("both ipfails settled: an abort_giveup reached each and no give-up is pending", () -> {
            String a = x1.logText().substring(x1Before);
            String b = x2.logText().substring(x2Before);
            return a.contains("NS: We are dead. :<") && b.contains("NS: We are dead. :<")
                    && abortSeen(a) && abortSeen(b) && noGiveupPending(a) && noGiveupPending(b);
        });
        String x1Log = x1.logText().substring(x1Before);
        String x2Log = x2.logText().substring(x2Before);
        assertFalse(x1Log.contains("giveup() called") || x2Log.contains("giveup() called"), x1Log + x2Log);
        assertEquals("all", x1.rscStatus());
        assertEquals("none", x2.rscStatus());
        assertEquals(startsBefore, lab.journal.entries().size(), "no group was stopped or started");
    }

    @Test
    void clStatusReportsEachNodesIpfailOnlineWhileItRuns() throws Exception {
        TwoDirectorLab.Directors nodes = lab.x1ThenX2("off");
        ClusterNode x1 = nodes.x1();
        ClusterNode x2 = nodes.x2();
        lab.awaitRsc(x2, "none");
        lab.awaitThat("x1 sees both ipfails online", () ->
                x1.tool("cl_status", "clientstatus", "x1", "ipfail").output().equals("online\n")
                        && x1.tool("cl_status", "clientstatus", "x2", "ipfail").output().equals("online\n"));
        ClusterNode.Run local = x2.tool("cl_status", "clientstatus", "x2", "ipfail");
        assertEquals(0, local.exitCode(), local.output());
        assertEquals("online\n", local.output());
        lab.awaitThat("x2 sees x1's ipfail online", () ->
                x2.tool("cl_status", "clientstatus", "x1", "ipfail", "3000").output().equals("online\n"));

        assertEquals(143, x2.stop());
        lab.awaitThat("x1 sees x2's ipfail offline", () ->
                x1.tool("cl_status", "clientstatus", "x2", "ipfail").output().equals("offline\n"));
        ClusterNode.Run gone = x1.tool("cl_status", "clientstatus", "x2", "ipfail");
        assertEquals(1, gone.exitCode(), gone.output());
        assertEquals("online\n", x1.tool("cl_status", "clientstatus", "x1", "ipfail").output());
        ClusterNode.Run other = x1.tool("cl_status", "clientstatus", "x1", "ccm");
        assertEquals("offline\n", other.output(), "other clients are not run");
    }

    @Test
    void inLegacyModeIpfailDoesNotRunAndSaysWhy() throws Exception {
        ClusterNode x1 = lab.node("x1", "legacy").start();
        lab.awaitRuns(x1, "alpha");
        lab.awaitThat("x1 logs why ipfail does not run", () ->
                lineTagged(x1.logText(), "ipfail", "ERROR: auto_failback set to incompatible legacy option."));
        ClusterNode.Run status = x1.tool("cl_status", "clientstatus", "x1", "ipfail");
        assertEquals(1, status.exitCode(), status.output());
        assertEquals("offline\n", status.output());
    }

    private static boolean abortSeen(String log) {
        return log.contains("No giveup timer to abort.") || log.contains("Aborted delayed giveup (");
    }

    private static boolean noGiveupPending(String log) {
        return count(log, "Delayed giveup in ") == count(log, "Aborted delayed giveup (") + count(log, "giveup() called");
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Whether a log line carries {@code TEXT} under the program tag {@code program:} (spec §14). */
    private static boolean lineTagged(String log, String program, String text) {
        Matcher m = Pattern.compile("^\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d x\\d " + program + ": \\[\\d+\\]: .*"
                + Pattern.quote(text) + "$", Pattern.MULTILINE).matcher(log);
        return m.find();
    }

    private static void report(String what, long nanos) {
        System.out.printf("ipfail timing: %s: %d ms%n", what, nanos / 1_000_000);
    }
}
