package org.jheartbeat.cli.init;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jheartbeat.agents.testing.Namespace;
import org.jheartbeat.agents.testing.NetnsLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real daemon started, queried, restarted and stopped through the init script, inside a
 * network namespace of its own (one director, its eth0 plugged into a private bridge). Every
 * file the script touches lives in a temporary directory; daemons the script started are
 * killed by pid in the teardown if a test left one behind.
 */
@Tag("netns")
class InitScriptNetnsTest {

    private static final String HA_CF = "keepalive 100ms\ndeadtime 500ms\ninitdead 1\nudpport 6940\ncrm off\n"
            + "auto_failback on\nnode x1 x2\nbcast eth0\n";
    private static final String STARTED = "Starting High-Availability services: Done.\n\n";
    private static final String STOPPED = "Stopping High-Availability services: Done.\n\n";
    private static final Duration SOON = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    NetnsLab lab;
    Namespace director;
    InitSandbox sandbox;
    private final List<Long> daemons = new ArrayList<>();

    @BeforeEach
    void director() throws Exception {
        lab = NetnsLab.create();
        assumeTrue(Files.isExecutable(Script.DIST.resolve("bin/heartbeat")),
                "needs the built distribution at " + Script.DIST);
        Namespace bridge = lab.switchNamespace("sw");
        director = lab.namespace("x1");
        lab.plug(director, "eth0", bridge);
        director.ip("addr", "add", "10.66.0.1/24", "brd", "+", "dev", "eth0");
        sandbox = new InitSandbox(dir, "x1").configure(HA_CF);
    }

    @AfterEach
    void teardown() throws IOException {
        for (long pid : daemons) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        if (lab != null) {
            lab.close();
        }
    }

    /** Runs the init script inside the director's namespace; remembers the daemon it started. */
    private Script.Result init(String action) throws Exception {
        long began = System.nanoTime();
        Script.Result result = sandbox.run(Optional.of(director.name()), action);
        System.out.printf("init script %s: %d ms%n", action, (System.nanoTime() - began) / 1_000_000);
        sandbox.pid().filter(pid -> !daemons.contains(pid)).ifPresent(daemons::add);
        return result;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String procStatus(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/status"));
        } catch (IOException e) {
            return "no /proc/" + pid;
        }
    }

    private String log() throws IOException {
        return Files.exists(sandbox.log()) ? Files.readString(sandbox.log()) : "";
    }

    @Test
    void startStatusAndStopShowHeartbeatsTextsAndStopReturnsOnlyWhenTheDaemonIsGone() throws Exception {
        Script.Result start = init("start");
        assertEquals(0, start.exit(), start.toString());
        assertEquals(STARTED, start.stdout(), start.toString());
        long pid = sandbox.pid().orElseThrow();
        assertTrue(alive(pid));
        assertTrue(Files.exists(sandbox.lockFile()), "start leaves the lock file");
        PosixFileAttributes run = Files.readAttributes(sandbox.runDir(), PosixFileAttributes.class);
        assertEquals("rwxr-x---", PosixFilePermissions.toString(run.permissions()));
        if (Script.run(List.of("getent", "group", "haclient"), Map.of()).exit() == 0) {
            assertEquals("haclient", run.group().getName());
        }
        await().atMost(SOON).until(() -> log().contains("Configuration validated. Starting heartbeat"));

        Script.Result again = init("start");
        assertEquals(0, again.exit(), again.toString());
        assertEquals(STARTED, again.stdout(), "a second start still says Done, as Heartbeat's script does");
        assertTrue(again.stderr().contains("already running [pid " + pid + "]"), again.toString());
        assertEquals(pid, sandbox.pid().orElseThrow());

        Script.Result status = init("status");
        assertEquals(0, status.exit(), status.toString());
        assertEquals("heartbeat OK [pid " + pid + " et al] is running on x1 [x1]...\n", status.stdout());

        Script.Result stop = init("stop");
        assertEquals(0, stop.exit(), stop.toString());
        assertEquals(STOPPED, stop.stdout(), stop.toString());
        // No waiting here: stop returns only after the daemon has exited.
        assertFalse(alive(pid), "daemon " + pid + " still runs after stop returned: " + stop + procStatus(pid));
        assertFalse(Files.exists(sandbox.pidFile()));
        assertFalse(Files.exists(sandbox.lockFile()));
        assertTrue(log().contains("x1 Heartbeat shutdown complete."), log());

        Script.Result stopped = init("status");
        assertEquals(3, stopped.exit(), stopped.toString());
        assertEquals("heartbeat is stopped. No process\n", stopped.stdout());
    }

    @Test
    void restartStopsWaitsDeadtimePlusTenSecondsAndStartsAFreshDaemon() throws Exception {
        assertEquals(0, init("start").exit());
        long first = sandbox.pid().orElseThrow();

        long began = System.nanoTime();
        Script.Result restart = init("restart");
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertEquals(0, restart.exit(), restart.toString());
        assertEquals(STOPPED + "Waiting to allow resource takeover to complete:\n" + STARTED, restart.stdout(),
                restart.toString());
        // deadtime 500ms rounds up to 1 s, plus 10 s: a lower bound that a sleep cannot undercut.
        assertTrue(took.compareTo(Duration.ofSeconds(11)) >= 0, "restart took only " + took);
        long second = sandbox.pid().orElseThrow();
        assertNotEquals(first, second);
        assertFalse(alive(first));
        assertTrue(alive(second));

        assertEquals(STOPPED, init("stop").stdout());
        assertFalse(alive(second));
    }

    @Test
    void reloadSignalsTheRunningDaemonAndKeepsIt() throws Exception {
        Script.Result help = Script.run(List.of(Script.DIST.resolve("bin/heartbeat").toString(), "--help"), Map.of());
        assumeTrue(Pattern.compile("(?m)^\\s*-r[,\\s]").matcher(help.stdout()).find(),
                "heartbeat -r (reload) has not landed in the CLI yet");
        assertEquals(0, init("start").exit());
        long pid = sandbox.pid().orElseThrow();
        await().atMost(SOON).until(() -> log().contains("Configuration validated. Starting heartbeat"));

        for (String action : List.of("reload", "force-reload")) {
            Script.Result reload = init(action);
            assertEquals(0, reload.exit(), action + ": " + reload);
            assertEquals("Reloading High-Availability services: Done.\n", reload.stdout(), action + ": " + reload);
            assertEquals(pid, sandbox.pid().orElseThrow());
            assertTrue(alive(pid));
        }
        assertEquals(STOPPED, init("stop").stdout());
    }

    @Test
    void logrotateCopiesAndEmptiesTheLogAndTheDaemonGoesOnWritingAtItsStart() throws Exception {
        Path logrotate = Path.of("/usr/sbin/logrotate");
        assumeTrue(Files.isExecutable(logrotate), "needs logrotate (apt-get install logrotate)");
        String snippet = Files.readString(Script.INIT.resolve("heartbeat.logrotate"));
        String files = "/var/log/ha-log /var/log/ha-debug {";
        assertTrue(snippet.contains(files), "the snippet rotates Heartbeat's default files");
        Path config = dir.resolve("logrotate.conf");
        Files.writeString(config, snippet.replace(files, sandbox.log() + " {"));

        assertEquals(0, init("start").exit());
        await().atMost(SOON).untilAsserted(() -> assertTrue(log().contains("Comm_now_up(): updating status to active"),
                log()));

        Script.Result rotate = Script.run(List.of(logrotate.toString(), "-f", "-s", dir.resolve("state").toString(),
                config.toString()), Map.of());
        assertEquals(0, rotate.exit(), rotate.toString());
        Path rotated = Path.of(sandbox.log() + ".1");
        assertTrue(Files.readString(rotated).contains("Configuration validated. Starting heartbeat"));

        assertEquals(STOPPED, init("stop").stdout());
        String after = log();
        assertTrue(after.contains("x1 Heartbeat shutdown complete."), after);
        assertFalse(after.contains("Configuration validated"), "the old lines went to " + rotated + ": " + after);
        assertEquals(-1, after.indexOf('\0'), "the daemon appends: no hole of NUL bytes where the old lines were");
    }
}
