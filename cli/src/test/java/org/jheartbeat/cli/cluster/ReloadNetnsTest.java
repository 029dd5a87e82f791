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

/** {@code heartbeat -r} (SIGHUP) against running daemons: key rotation without a restart. */
@Tag("netns")
class ReloadNetnsTest {

    @TempDir
    Path dir;
    TwoDirectorLab lab;

    @BeforeEach
    void lab() throws IOException {
        lab = TwoDirectorLab.openOrSkip(dir);
    }

    @AfterEach
    void close() {
        if (lab != null) {
            lab.close();
        }
    }

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

        // A key x1 does not know: x1 drops x2's packets from the next one on.
        x2.writeAuthKeys("auth 3\n3 sha256 SomethingElse\n");
        assertEquals(0, x2.command("-r").exitCode());
        lab.awaitThat("x1 declares x2 dead", () -> x1.logText().substring(x1Before).contains("node x2: is dead"));
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
