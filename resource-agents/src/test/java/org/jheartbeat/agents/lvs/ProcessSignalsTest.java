package org.jheartbeat.agents.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The reload signal ldirectord's command sends to a running ldirectord. */
class ProcessSignalsTest {

    private static final int SIGHUP = 1;

    @Test
    void hangUpDeliversSighup() throws Exception {
        // A process with the default HUP disposition dies of it: exit status 128 + 1. The
        // disposition is set explicitly because an ignored HUP is inherited (under nohup, say).
        Process child = new ProcessBuilder("env", "--default-signal=HUP", "sleep", "60").start();
        try {
            assertTrue(ProcessSignals.hangUp(child.pid()));
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child did not get SIGHUP");
            assertEquals(128 + SIGHUP, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void hangUpOfAProcessThatIsGoneSaysSo() throws Exception {
        Process child = new ProcessBuilder("true").start();
        child.waitFor();

        assertFalse(ProcessSignals.hangUp(child.pid()));
    }
}
