package org.jheartbeat.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three directors. Heartbeat's haresources mode hands groups between two nodes only, so three
 * nodes with resource groups are refused with a clear error; three nodes without haresources
 * groups run as a membership-only cluster and see each other come and go.
 */
class ThreeDirectorNetnsTest extends TwoDirectorNetnsTest {

    @BeforeEach
    void thirdDirector() throws IOException {
        lab.addThirdDirector();
    }

    @Test
    void resourceGroupsAmongThreeNodesAreRefusedBeforeAnythingStarts() throws Exception {
        ClusterNode x1 = lab.node("x1", "on").start();
        lab.awaitThat("x1 refuses to start", () -> x1.exitStatus().isPresent());
        assertEquals(6, x1.exitStatus().getAsInt(), x1.stderrText());
        String said = x1.stderrText() + x1.logText();
        assertTrue(said.contains("haresources resource management needs exactly two nodes"), said);
        assertTrue(said.contains("Configuration error, heartbeat not started."), said);
        assertEquals(List.of(), lab.journal.entries(), "nothing was started or probed");
    }

    @Test
    void threeNodesWithoutGroupsFormAClusterAndNoticeADeath() throws Exception {
        ClusterNode x1 = lab.nodeWithResources("x1", "on", "").start();
        ClusterNode x2 = lab.nodeWithResources("x2", "on", "").start();
        ClusterNode x3 = lab.nodeWithResources("x3", "on", "").start();
        for (ClusterNode node : List.of(x1, x2, x3)) {
            for (String other : List.of("x1", "x2", "x3")) {
                lab.awaitThat(node.name() + " sees " + other + " active",
                        () -> node.tool("cl_status", "nodestatus", other).output().strip().equals("active"));
            }
        }
        x3.kill9(lab.journal);
        for (ClusterNode node : List.of(x1, x2)) {
            lab.awaitThat(node.name() + " declares x3 dead", () -> node.logText().contains("node x3: is dead"));
            assertEquals("dead", node.tool("cl_status", "nodestatus", "x3").output().strip());
        }
    }
}
