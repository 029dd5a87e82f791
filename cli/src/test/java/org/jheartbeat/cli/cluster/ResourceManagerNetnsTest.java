package org.jheartbeat.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real daemons with haresources groups: who runs what at start-up, after a kill -9, after
 * a graceful stop, after hb_standby, with auto_failback on and off. After every scenario the
 * journal of starts and stops must show no group run by both nodes at once.
 */
class ResourceManagerNetnsTest extends TwoDirectorNetnsTest {


    @Test
    void bothEndUpWithTheirOwnGroupAndTheSurvivorTakesOverAfterKill9() throws Exception {
        ClusterNode x1 = lab.node("x1", "on").start();
        ClusterNode x2 = lab.node("x2", "on").start();
        // Started together (10 s wait, then each its own) or one after the other (failback):
        // with auto_failback on each ends up with its home group.
        lab.awaitRsc(x1, "local");
        lab.awaitRsc(x2, "local");
        assertTrue(x1.runs("alpha") && x2.runs("beta"));
        assertFalse(x1.runs("beta") || x2.runs("alpha"));

        x1.kill9(lab.journal);
        lab.awaitRuns(x2, "alpha");
        lab.awaitRsc(x2, "all");
        String log = x2.logText();
        assertTrue(log.contains("WARN: node x1: is dead"), log);
        assertTrue(log.contains("Resources being acquired from x1."), log);
    }

    @Test
    void gracefulStopHandsEverythingToThePeerWithoutWaitingForDeadtime() throws Exception {
        TwoDirectorLab.Directors nodes = lab.x1ThenX2("off");
        ClusterNode x1 = nodes.x1();
        ClusterNode x2 = nodes.x2();
        lab.awaitRsc(x2, "none");
        lab.awaitRsc(x1, "all");

        assertEquals(143, x1.stop()); // SIGTERM
        assertFalse(x1.runs("alpha") || x1.runs("beta"), "x1 released everything before it exited");
        lab.awaitRsc(x2, "all");
        assertTrue(x2.runs("alpha") && x2.runs("beta"));
        assertTrue(x1.logText().contains("All HA resources relinquished."), x1.logText());
        assertTrue(x2.logText().contains("Received shutdown notice from 'x1'."), x2.logText());
    }

    @Test
    void hbStandbyMovesEverythingToThePeerAndHbTakeoverBringsTheHomeGroupBack() throws Exception {
        TwoDirectorLab.Directors nodes = lab.x1ThenX2("on");
        ClusterNode x1 = nodes.x1();
        ClusterNode x2 = nodes.x2();
        lab.awaitRsc(x1, "local");
        lab.awaitRsc(x2, "local");

        x1.hbStandby("all");
        lab.awaitRsc(x2, "all");
        lab.awaitRsc(x1, "none");
        assertFalse(x1.runs("alpha"));
        assertTrue(x2.runs("alpha") && x2.runs("beta"));

        x1.hbTakeover("local");
        lab.awaitRsc(x1, "local");
        lab.awaitRsc(x2, "local");
        assertTrue(x1.runs("alpha"));
        assertFalse(x2.runs("alpha"));
    }

    @Test
    void withAutoFailbackOnAReturningHomeNodeGetsItsGroupBack() throws Exception {
        TwoDirectorLab.Directors nodes = lab.x1ThenX2("on");
        lab.awaitRsc(nodes.x2(), "local");
        lab.awaitRsc(nodes.x1(), "local");
        lab.awaitStopped(nodes.x1(), "beta");
        assertTrue(nodes.x2().runs("beta"));
    }

    @Test
    void withAutoFailbackOffAReturningHomeNodeLeavesItsGroupWhereItIs() throws Exception {
        TwoDirectorLab.Directors nodes = lab.x1ThenX2("off");
        lab.awaitRsc(nodes.x2(), "none");
        lab.awaitRsc(nodes.x1(), "all");
        assertFalse(nodes.x2().runs("beta"));
        assertEquals(1, lab.journal.starts("x1", "beta"));
    }

    @Test
    void aStartFailureStopsTheGroupAndGivesItToThePeer() throws Exception {
        ClusterNode x1 = lab.node("x1", "on", "alpha").start(); // alpha cannot start on x1
        lab.awaitRsc(x1, "all");
        assertFalse(x1.runs("alpha"));
        ClusterNode x2 = lab.node("x2", "on").start();
        lab.awaitRuns(x2, "alpha");
        lab.awaitRuns(x2, "beta");
        assertFalse(x1.runs("alpha"));
        assertTrue(x1.logText().contains("Resource group TestRsc::alpha failed to start"), x1.logText());
    }

    @Test
    void aPartitionMakesBothTakeTheGroupAndWhenItHealsExactlyOneKeepsIt() throws Exception {
        TwoDirectorLab.Directors nodes = lab.x1ThenX2("off");
        ClusterNode x1 = nodes.x1();
        ClusterNode x2 = nodes.x2();
        lab.awaitRsc(x2, "none");

        lab.journal.partitioned(); // from now on both may start groups: neither hears the other
        lab.net.linkDown("x2", "eth0");
        lab.awaitRsc(x2, "all"); // x2 thinks x1 is dead and takes everything
        assertTrue(x1.runs("alpha") && x2.runs("alpha"));

        lab.net.linkUp("x2", "eth0");
        lab.journal.healed();
        lab.awaitThat("exactly one node runs each group", () -> x1.runs("alpha") != x2.runs("alpha")
                && x1.runs("beta") != x2.runs("beta"));
        String healed = x1.logText() + x2.logText();
        assertTrue(healed.contains("returning after partition"), healed);
    }

    @Test
    void withTwoMediaLosingOneChangesNothingAndHandOffsTravelOnTheOther() throws Exception {
        lab.addUcastMedium();
        TwoDirectorLab.Directors nodes = lab.x1ThenX2("on");
        ClusterNode x1 = nodes.x1();
        ClusterNode x2 = nodes.x2();
        lab.awaitRsc(x1, "local");
        lab.awaitRsc(x2, "local");

        lab.net.linkDown("x1", "eth0");
        lab.awaitThat("x2 sees x1's eth0 dead", () -> x2.logText().contains("Link x1:eth0 dead."));
        x1.hbStandby("all");
        lab.awaitRsc(x2, "all");
        lab.awaitRsc(x1, "none");
        assertFalse(x2.logText().contains("node x1: is dead"), x2.logText());
    }

    @Test
    void aRestartedNodeIsANewIncarnationAndGetsItsGroupBack() throws Exception {
        TwoDirectorLab.Directors nodes = lab.x1ThenX2("on");
        lab.awaitRsc(nodes.x1(), "local");
        nodes.x1().kill9(lab.journal);
        lab.awaitRsc(nodes.x2(), "all");
        ClusterNode x1 = lab.node("x1", "on").start();
        lab.awaitRsc(x1, "local");
        lab.awaitRsc(nodes.x2(), "local");
        assertTrue(x1.runs("alpha"));
        assertEquals(2, lab.journal.starts("x1", "alpha"));
    }

    @Test
    void legacyModeRequestsTheHomeGroupBackAndRefusesStandby() throws Exception {
        ClusterNode x1 = lab.node("x1", "legacy").start();
        lab.awaitRuns(x1, "alpha");
        lab.awaitRuns(x1, "beta");
        ClusterNode x2 = lab.node("x2", "legacy").start();
        lab.awaitRuns(x2, "beta"); // x2 asked for its group with ip-request; x1 released it first
        lab.awaitStopped(x1, "beta");
        assertTrue(x1.runs("alpha"));
        assertEquals("none", x1.rscStatus()); // legacy mode keeps no hold set
        ClusterNode.Run refused = x1.tool("hb_standby");
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("Standby mode only implemented when nice_failback on"), refused.output());
    }

    @Test
    void everyFormOfHbStandbyAndHbTakeoverMovesTheSetItNames() throws Exception {
        TwoDirectorLab.Directors nodes = lab.x1ThenX2("off");
        ClusterNode x1 = nodes.x1();
        ClusterNode x2 = nodes.x2();
        lab.awaitRsc(x2, "none");

        x1.hbStandby("foreign"); // x1 gives up x2's home group
        lab.awaitRuns(x2, "beta");
        lab.awaitRsc(x1, "local");
        lab.awaitRsc(x2, "local");

        x2.hbStandby("local"); // x2 gives up its own home group
        lab.awaitRuns(x1, "beta");
        lab.awaitRsc(x1, "all");
        lab.awaitRsc(x2, "none");

        x2.hbTakeover("foreign"); // x1 runs "hb_standby local": x2 gets x1's home group
        lab.awaitRuns(x2, "alpha");
        lab.awaitRsc(x1, "foreign");
        lab.awaitRsc(x2, "foreign");

        x1.hbTakeover("failback"); // the quirk: x2 gives up everything
        lab.awaitRsc(x1, "all");
        lab.awaitRsc(x2, "none");
        assertTrue(x1.runs("alpha") && x1.runs("beta"));

        x1.hbStandby("failback"); // the same as foreign
        lab.awaitRuns(x2, "beta");
        lab.awaitRsc(x1, "local");
        assertTrue(x1.runs("alpha"));
    }

    @Test
    void aHungStopIsKilledAtItsTimeoutAndThePeerNeverStartsThatGroup() throws Exception {
        ClusterNode x1 = lab.node("x1", "off", "hang-stop:alpha").withArguments("--script-timeout", "3").start();
        lab.awaitRsc(x1, "all");
        ClusterNode x2 = lab.node("x2", "off").start();
        lab.awaitRsc(x2, "none");

        x1.hbStandby("all");
        lab.awaitThat("x1 gives up on stopping alpha", () -> x1.logText().contains(
                "Resource group TestRsc::alpha could not be stopped"));
        assertTrue(x1.runs("alpha"), "alpha's stop never finished, so it may still run on x1");
        assertFalse(x2.runs("alpha"));
        assertEquals(0, lab.journal.starts("x2", "alpha"), "the standby never completed, so x2 started nothing");
        assertTrue(x1.logText().contains("CRIT: Resource group TestRsc::alpha could not be stopped"), x1.logText());

        // What the CRIT line asks for: reset x1. Only then may x2 take everything.
        x1.kill9(lab.journal);
        lab.awaitRuns(x2, "alpha");
        lab.awaitRuns(x2, "beta");
    }
}
