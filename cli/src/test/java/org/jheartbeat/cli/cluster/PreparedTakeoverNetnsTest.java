package org.jheartbeat.cli.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;

import org.jheartbeat.cli.membership.NetnsLab;
import org.junit.jupiter.api.Test;

/**
 * Takeovers made ready ahead, with IPaddr2 as the resource: while the peer is late (half its
 * dead time silent), fired at the dead verdict and dropped when the peer is heard again; and
 * for a hand-over this node accepted, fired by the peer's "done".
 */
class PreparedTakeoverNetnsTest extends TwoDirectorNetnsTest {

    private String vip() {
        return "10.88." + lab.bridge + ".100";
    }

    private ClusterNode node(String name) throws IOException {
        ClusterNode node = lab.nodeWithResources(name, "off", "x1 IPaddr2::" + vip() + "/24/eth0\n");
        node.editHaCf("deadtime 1\n", "deadtime 3\n"); // late after 1.5 s: time for the test to resume x1
        return node;
    }

    /** x1 starts alone and takes the VIP (its home); x2 joins and holds nothing. */
    private TwoDirectorLab.Directors x1HoldingTheVipThenX2() throws IOException {
        ClusterNode x1 = node("x1").start();
        await().atMost(TwoDirectorLab.SOON).until(() -> holdsVip(x1));
        ClusterNode x2 = node("x2").start();
        lab.awaitRsc(x2, "none");
        return new TwoDirectorLab.Directors(x1, x2);
    }

    private boolean holdsVip(ClusterNode node) throws IOException {
        return NetnsLab.run("ip", "-n", lab.net.namespace(node.name()), "-o", "-4", "addr", "show", "dev", "eth0")
                .contains("inet " + vip() + "/24");
    }

    private void awaitLog(ClusterNode node, String text) {
        await().atMost(TwoDirectorLab.SOON).pollInterval(Duration.ofMillis(20)).until(() -> node.logText().contains(text));
    }

    @Test
    void theSurvivorAddsTheAddressItPreparedWhileThePeerWasLate() throws Exception {
        TwoDirectorLab.Directors both = x1HoldingTheVipThenX2();
        ClusterNode x1 = both.x1();
        ClusterNode x2 = both.x2();

        x1.kill9(lab.journal);
        await().atMost(TwoDirectorLab.SOON).until(() -> holdsVip(x2));
        String log = x2.logText();
        assertTrue(log.contains("x1 silent for half its deadtime: takeover of [IPaddr2::" + vip() + "/24/eth0] made ready"),
                log);
        assertTrue(log.contains("Added inet address " + vip() + "/24"), log);
        assertTrue(log.contains("as prepared ahead of it"), log);
        lab.awaitRsc(x2, "all");
    }

    @Test
    void theTakerOfAHandOverAddsThePreparedAddressAtThePeersReleaseNotice() throws Exception {
        TwoDirectorLab.Directors both = x1HoldingTheVipThenX2();
        ClusterNode x1 = both.x1();
        ClusterNode x2 = both.x2();

        x1.hbStandby("all");
        await().atMost(TwoDirectorLab.SOON).until(() -> holdsVip(x2) && !holdsVip(x1));
        lab.awaitRsc(x2, "all");
        String log = x2.logText();
        assertTrue(log.contains("Added inet address " + vip() + "/24"), log);
        assertTrue(log.contains("as prepared ahead of it"), log);
        assertFalse(log.contains("made ready"), "the peer was never late: " + log);

        x2.hbStandby("all"); // and back, the same way
        await().atMost(TwoDirectorLab.SOON).until(() -> holdsVip(x1) && !holdsVip(x2));
        assertTrue(x1.logText().contains("as prepared ahead of it"), x1.logText());
    }

    @Test
    void aPeerHeardAgainBeforeItsDeadtimeLeavesTheTakeoverUnfired() throws Exception {
        TwoDirectorLab.Directors both = x1HoldingTheVipThenX2();
        ClusterNode x1 = both.x1();
        ClusterNode x2 = both.x2();

        x1.signal("STOP");
        try {
            awaitLog(x2, "takeover of [IPaddr2::" + vip() + "/24/eth0] made ready");
        } finally {
            x1.signal("CONT");
        }
        awaitLog(x2, "x1 heard again: prepared takeover dropped");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !holdsVip(x2));
        assertTrue(holdsVip(x1));
        assertFalse(x2.logText().contains("is dead"), x2.logText());
        lab.awaitRsc(x2, "none");
    }
}
