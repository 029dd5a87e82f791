package org.jheartbeat.cli.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The init script's answers that need no running daemon: status of a stopped director, usage,
 * an unconfigured director, a configuration the daemon refuses, standby refusals. Every path
 * the script uses is inside a temporary directory; no root or network needed.
 */
class InitScriptTest {

    private static final String VALID = "keepalive 100ms\ndeadtime 500ms\ninitdead 1\ncrm off\nnode x1 x2\n"
            + "bcast lo\n";

    @TempDir
    Path dir;
    InitSandbox sandbox;

    @BeforeEach
    void sandbox() {
        sandbox = new InitSandbox(dir, "x1");
    }

    @Test
    void statusOfAStoppedDirectorIsThreeWithHeartbeatsText() throws Exception {
        sandbox.configure(VALID + "auto_failback on\n");
        Script.Result status = sandbox.run("status");
        assertEquals(3, status.exit(), status.toString());
        assertEquals("heartbeat is stopped. No process\n", status.stdout(), status.toString());
    }

    @Test
    void aPidFileLeftByADeadDaemonMakesStatusOne() throws Exception {
        sandbox.configure(VALID + "auto_failback on\n");
        // A pid that is alive but is not a jheartbeat daemon (this JVM): the number was reused.
        Files.writeString(sandbox.pidFile(), ProcessHandle.current().pid() + "\n");
        Script.Result status = sandbox.run("status");
        assertEquals(1, status.exit(), status.toString());
        assertEquals("heartbeat is stopped. No process\n", status.stdout(), status.toString());
    }

    @Test
    void anUnknownOrMissingActionPrintsUsageAndExitsOne() throws Exception {
        String usage = "Usage: " + InitSandbox.SCRIPT + " {start|stop|status|restart|reload|force-reload}\n";
        for (String[] action : new String[][] {{"bogus"}, {}}) {
            Script.Result run = sandbox.run(action);
            assertEquals(1, run.exit(), run.toString());
            assertEquals(usage, run.stdout(), run.toString());
        }
    }

    @Test
    void withoutHaCfEveryActionThatNeedsItSaysNotConfiguredAndExitsZero() throws Exception {
        String text = "Heartbeat not configured: " + sandbox.haDir().resolve("ha.cf")
                + " not found. Heartbeat failure [rc=1]. Failed.\n";
        for (String action : new String[] {"start", "restart", "reload", "force-reload", "standby"}) {
            Script.Result run = sandbox.run(action);
            assertEquals(0, run.exit(), action + ": " + run);
            assertEquals(text, run.stdout(), action + ": " + run);
        }
        assertFalse(Files.exists(sandbox.pidFile()));
        assertFalse(Files.exists(sandbox.runDir()), "nothing is prepared for an unconfigured daemon");
    }

    @Test
    void stopWithNothingRunningSaysDoneAndExitsZero() throws Exception {
        sandbox.configure(VALID + "auto_failback on\n");
        Script.Result stop = sandbox.run("stop");
        assertEquals(0, stop.exit(), stop.toString());
        assertEquals("Stopping High-Availability services: Done.\n\n", stop.stdout(), stop.toString());
    }

    @Test
    void aConfigurationTheDaemonRefusesFailsTheStartWithItsCodeAndMessage() throws Exception {
        sandbox.configure(VALID.replace("bcast lo\n", "serial /dev/ttyS0\n") + "auto_failback on\n");
        Script.Result start = sandbox.run("start");
        assertEquals(6, start.exit(), start.toString());
        assertTrue(start.stdout().startsWith("Starting High-Availability services:  Heartbeat failure [rc=6]. Failed.\n"),
                start.toString());
        assertTrue(start.stdout().contains("serial media are not supported"), start.toString());
        assertFalse(Files.exists(sandbox.pidFile()));
        assertFalse(Files.exists(sandbox.lockFile()), "no lock file for a daemon that did not start");
        // The run directory is prepared before the daemon runs: private to root and haclient.
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(sandbox.runDir())));
    }

    @Test
    void standbyIsRefusedInLegacyModeAndWhenTheDaemonIsNotRunning() throws Exception {
        sandbox.configure(VALID); // no auto_failback line: Heartbeat's default, legacy
        Script.Result legacy = sandbox.run("standby");
        assertEquals(1, legacy.exit(), legacy.toString());
        assertEquals("auto_failback is set to legacy.  Cannot enter standby.\n", legacy.stdout(), legacy.toString());

        sandbox.configure(VALID + "auto_failback   On  # nice failback\n");
        Script.Result stopped = sandbox.run("standby");
        assertEquals(1, stopped.exit(), stopped.toString());
        assertEquals("auto_failback: on\nHeartbeat is not currently running.\n", stopped.stdout(), stopped.toString());
    }
}
