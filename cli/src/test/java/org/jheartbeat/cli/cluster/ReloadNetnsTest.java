package org.jheartbeat.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code heartbeat -r} (SIGHUP) against running daemons: key rotation without a restart, and
 * the quick restart of a changed ha.cf that keeps every resource group running.
 */
class ReloadNetnsTest extends TwoDirectorNetnsTest {


    @Test
    void keysRotateWithoutARestartAndAWrongKeyTakesEffectAtOnce() throws Exception {
        TwoDirectorLab.Directors nodes = lab.x1ThenX2("on");
        ClusterNode x1 = nodes.x1();
        ClusterNode x2 = nodes.x2();
        lab.awaitRsc(x2, "local");
        lab.awaitRsc(x1, "local");

        ClusterNode.Run unchanged = x1.command("-r");
        assertEquals(0, unchanged.exitCode(), unchanged.output());
        lab.awaitThat("x1 logs an unchanged configuration", () -> x1.logText().contains("Configuration unchanged."));

        int x1Before = x1.logText().length();
        int x2Before = x2.logText().length();
        // The admin's rotation: add key 2 everywhere, then sign with it, then drop key 1.
        String[] steps = {
            "auth 1\n1 sha1 TestClusterKey\n2 sha256 RotatedKey\n",
            "auth 2\n1 sha1 TestClusterKey\n2 sha256 RotatedKey\n",
            "auth 2\n2 sha256 RotatedKey\n"};
        for (int step = 0; step < steps.length; step++) {
            for (ClusterNode node : new ClusterNode[] {x1, x2}) {
                node.writeAuthKeys(steps[step]);
                assertEquals(0, node.command("-r").exitCode());
                int rereads = step + 1;
                lab.awaitThat(node.name() + " rereads authkeys",
                        () -> count(node.logText(), "Rereading authentication file.") == rereads);
            }
        }
        assertEquals("local", x1.rscStatus());
        assertEquals("local", x2.rscStatus());
        assertTrue(!x1.logText().substring(x1Before).contains("is dead")
                        && !x2.logText().substring(x2Before).contains("is dead"),
                "nobody was declared dead during the rotation" + lab.logs());

        // A key x1 does not know: x1 drops x2's packets from the next one on (a partition).
        lab.journal.partitioned();
        x2.writeAuthKeys("auth 3\n3 sha256 SomethingElse\n");
        assertEquals(0, x2.command("-r").exitCode());
        lab.awaitThat("x1 declares x2 dead", () -> x1.logText().substring(x1Before).contains("node x2: is dead"));
        lab.awaitRuns(x1, "beta"); // and takes x2's group, as after any partition
        lab.journal.healed(); // the journal's window: both run beta from here until the lab is removed
    }

    @Test
    void aChangedHaCfRestartsTheDaemonInPlaceWithoutTouchingItsGroups() throws Exception {
        lab.close();
        // A deadtime the in-place restart fits in even on a loaded machine.
        lab = new TwoDirectorLab(dir, "keepalive 200ms\ndeadtime 4\nwarntime 2\ninitdead 8\n");
        TwoDirectorLab.Directors nodes = lab.x1ThenX2("on");
        ClusterNode x1 = nodes.x1();
        ClusterNode x2 = nodes.x2();
        lab.awaitRsc(x2, "local");
        lab.awaitRsc(x1, "local");
        long alphaStarts = lab.journal.starts("x1", "alpha");
        long betaStarts = lab.journal.starts("x2", "beta");
        int x1Before = x1.logText().length();
        int x2Before = x2.logText().length();
        long since = Journal.nowNanos();

        x1.editHaCf("deadtime 4\n", "deadtime 5\n");
        assertEquals(0, x1.command("-r").exitCode());
        lab.awaitThat("x1 restarts in place", () -> x1.logText().substring(x1Before)
                .contains("Performing heartbeat restart exec."));
        lab.awaitThat("x2 sees x1's restart", () -> x2.logText().substring(x2Before)
                .contains("Heartbeat restart on node x1"));
        lab.awaitThat("x1 runs the new deadtime", () -> x1.tool("cl_status", "hbparameter", "-p", "deadtime")
                .output().strip().equals("5"));
        lab.awaitRsc(x1, "local");
        lab.awaitRsc(x2, "local");

        assertTrue(x1.runs("alpha") && x2.runs("beta"));
        assertEquals(alphaStarts, lab.journal.starts("x1", "alpha"), "alpha was not started again");
        assertEquals(betaStarts, lab.journal.starts("x2", "beta"));
        assertTrue(lab.journal.entries().stream().noneMatch(e -> e.nanos() >= since && e.action().equals("stop")),
                "nothing was stopped: " + lab.journal.entries());
        String x1Log = x1.logText().substring(x1Before);
        assertTrue(x1Log.contains("Heartbeat restart triggered.") && x1Log.contains("Restarting heartbeat."), x1Log);
        assertTrue(!x2.logText().substring(x2Before).contains("is dead"), "x2 never declared x1 dead" + lab.logs());

        // Still a working pair: a standby after the restart hands alpha over.
        assertEquals(0, x1.tool("hb_standby", "all").exitCode());
        lab.awaitRsc(x2, "all");
        lab.awaitThat("x2 runs alpha", () -> x2.runs("alpha"));
    }

    @Test
    void aBrokenConfigurationIsNotSentToTheDaemon() throws Exception {
        ClusterNode x1 = lab.node("x1", "on").start();
        lab.awaitRsc(x1, "all");
        x1.writeAuthKeys("auth 9\n1 sha1 TestClusterKey\n");
        ClusterNode.Run run = x1.command("-r");
        assertEquals(6, run.exitCode(), run.output());
        assertTrue(run.output().contains("authkeys"), run.output());
        assertTrue(run.output().contains("NOT restarted"), run.output());
        assertTrue(!x1.logText().contains("Rereading authentication file."));
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }
}
