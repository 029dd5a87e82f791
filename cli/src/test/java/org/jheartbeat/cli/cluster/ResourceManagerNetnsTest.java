package org.jheartbeat.cli.cluster;

import static org.jheartbeat.cli.cluster.TwoDirectorLab.awaitRsc;
import static org.jheartbeat.cli.cluster.TwoDirectorLab.awaitRuns;
import static org.jheartbeat.cli.cluster.TwoDirectorLab.awaitStopped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jheartbeat.cli.membership.NetnsLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real daemons with haresources groups: who runs what at start-up, after a kill -9, after
 * a graceful stop, after hb_standby, with auto_failback on and off. After every scenario the
 * journal of starts and stops must show no group run by both nodes at once.
 */
@Tag("netns")
class ResourceManagerNetnsTest {

    @TempDir
    Path dir;
    TwoDirectorLab lab;

    @BeforeEach
    void lab() throws IOException {
        Assumptions.assumeTrue(NetnsLab.isRoot(), "needs root to create network namespaces");
        Assumptions.assumeTrue(Files.isExecutable(ClusterNode.LAUNCHER), "needs the built distribution");
        lab = new TwoDirectorLab(dir);
    }

    @AfterEach
    void neverBothAtOnce() throws IOException {
        try {
            if (lab != null) {
                assertEquals(java.util.List.of(), lab.journal.doubleRuns(), "a group ran on both nodes at once");
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    /** x1 alone takes everything after initdead; then x2 joins. */
    private ClusterNode[] x1ThenX2(String autoFailback) throws IOException {
        ClusterNode x1 = lab.node("x1", autoFailback).start();
        awaitRsc(x1, "all");
        ClusterNode x2 = lab.node("x2", autoFailback).start();
        return new ClusterNode[] {x1, x2};
    }

    @Test
    void bothEndUpWithTheirOwnGroupAndTheSurvivorTakesOverAfterKill9() throws Exception {
        ClusterNode x1 = lab.node("x1", "on").start();
        ClusterNode x2 = lab.node("x2", "on").start();
        // Started together (10 s wait, then each its own) or one after the other (failback):
        // with auto_failback on each ends up with its home group.
        awaitRsc(x1, "local");
        awaitRsc(x2, "local");
        assertTrue(x1.runs("alpha") && x2.runs("beta"));
        assertFalse(x1.runs("beta") || x2.runs("alpha"));

        x1.kill9(lab.journal);
        awaitRuns(x2, "alpha");
        awaitRsc(x2, "all");
        String log = x2.logText();
        assertTrue(log.contains("WARN: node x1: is dead"), log);
        assertTrue(log.contains("Resources being acquired from x1."), log);
    }

    @Test
    void gracefulStopHandsEverythingToThePeerWithoutWaitingForDeadtime() throws Exception {
        ClusterNode[] nodes = x1ThenX2("off");
        ClusterNode x1 = nodes[0];
        ClusterNode x2 = nodes[1];
        awaitRsc(x2, "none");
        awaitRsc(x1, "all");

        assertEquals(143, x1.stop()); // SIGTERM
        assertFalse(x1.runs("alpha") || x1.runs("beta"), "x1 released everything before it exited");
        awaitRsc(x2, "all");
        assertTrue(x2.runs("alpha") && x2.runs("beta"));
        assertTrue(x1.logText().contains("All HA resources relinquished."), x1.logText());
        assertTrue(x2.logText().contains("Received shutdown notice from 'x1'."), x2.logText());
    }

    @Test
    void hbStandbyMovesEverythingToThePeerAndHbTakeoverBringsTheHomeGroupBack() throws Exception {
        ClusterNode[] nodes = x1ThenX2("on");
        ClusterNode x1 = nodes[0];
        ClusterNode x2 = nodes[1];
        awaitRsc(x1, "local");
        awaitRsc(x2, "local");

        assertEquals("OK", x1.ask("standby all"));
        awaitRsc(x2, "all");
        awaitRsc(x1, "none");
        assertFalse(x1.runs("alpha"));
        assertTrue(x2.runs("alpha") && x2.runs("beta"));

        assertEquals("OK", x1.ask("takeover local"));
        awaitRsc(x1, "local");
        awaitRsc(x2, "local");
        assertTrue(x1.runs("alpha"));
        assertFalse(x2.runs("alpha"));
    }

    @Test
    void withAutoFailbackOnAReturningHomeNodeGetsItsGroupBack() throws Exception {
        ClusterNode[] nodes = x1ThenX2("on");
        awaitRsc(nodes[1], "local");
        awaitRsc(nodes[0], "local");
        awaitStopped(nodes[0], "beta");
        assertTrue(nodes[1].runs("beta"));
    }

    @Test
    void withAutoFailbackOffAReturningHomeNodeLeavesItsGroupWhereItIs() throws Exception {
        ClusterNode[] nodes = x1ThenX2("off");
        awaitRsc(nodes[1], "none");
        awaitRsc(nodes[0], "all");
        assertFalse(nodes[1].runs("beta"));
        assertEquals(1, lab.journal.starts("x1", "beta"));
    }
}
