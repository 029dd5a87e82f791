package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ldirectord} through the launcher of the built distribution, as heartbeat and init
 * scripts call it: exact texts on the right stream and ldirectord's exit codes.
 */
class LdirectordCommandTest {

    private static final Path LAUNCHER = Path.of("target/jheartbeat/bin/ldirectord").toAbsolutePath();
    private static final Path SAMPLE = Path.of("../etc-ha.d/ldirectord.cf").toAbsolutePath().normalize();

    @TempDir
    Path haDir;
    @TempDir
    Path runDir;

    private Path config;

    @BeforeEach
    void copySample() throws Exception {
        config = haDir.resolve("ldirectord.cf");
        Files.copy(SAMPLE, config);
    }

    @Test
    void checkPrintsTheNormalisedSummary() throws Exception {
        Run run = ldirectord("--check", "ldirectord.cf");

        assertEquals(0, run.exit, run.out + run.err);
        assertTrue(run.out.contains("  virtual tcp:192.168.0.100:80 (line 16): scheduler wlc"), run.out);
        assertTrue(run.out.contains("    on failure: quiescent (weight 0), cleanstop yes"), run.out);
        assertTrue(run.out.contains("    check: negotiate http GET request \"/check.html\" receive \"OK\", timeout 3 s,"
                + " every 1 s, down after 1 failure"), run.out);
        assertTrue(run.out.contains("    real 192.168.0.11:80 gate weight 1"), run.out);
        assertTrue(run.out.contains("    fallback 127.0.0.1:80 gate weight 1"), run.out);
        assertTrue(run.out.endsWith("Valid (0 warnings).\n"), run.out);
    }

    @Test
    void checkOfABrokenFileListsEveryErrorAndExits1() throws Exception {
        Files.writeString(config, "quiescent=yes # comment\nvirtual=192.168.0.100:80\n\treal=192.168.0.11:80 route\n");

        Run run = ldirectord("--check", config.toString());

        assertEquals(1, run.exit);
        assertTrue(run.out.contains(config + ":1: error: quiescent must be 'yes' or 'no'"), run.out);
        assertTrue(run.out.contains(config + ":3: error: forward method must be gate, masq or ipip"), run.out);
        assertTrue(run.out.contains("INVALID: 2 errors, 0 warnings; ldirectord would refuse to start."), run.out);
    }

    @Test
    void statusWhenStoppedIsOnStdoutWithExit3() throws Exception {
        Run run = ldirectord("ldirectord.cf", "status");

        assertEquals(3, run.exit);
        assertEquals("ldirectord is stopped for " + config + "\n", run.out);
        assertEquals("", run.err);
    }

    @Test
    void statusWithAStalePidFileIsExit1() throws Exception {
        Files.writeString(runDir.resolve("ldirectord.ldirectord.cf.pid"), "999999999\n");

        Run run = ldirectord("ldirectord.cf", "status");

        assertEquals(1, run.exit);
        assertEquals("ldirectord stale pid file " + runDir.resolve("ldirectord.ldirectord.cf.pid") + " for " + config
                + "\n", run.err);
        assertEquals("ldirectord is stopped for " + config + "\n", run.out);
    }

    @Test
    void statusWhenRunningIsOnStderrWithExit0AndStopSendsTerm() throws Exception {
        // A process whose command line says ldirectord, which is what ldirectord's own test looks for.
        Process named = new ProcessBuilder("/bin/sh", "-c", "sleep 300; : ldirectord").start();
        try {
            Files.writeString(runDir.resolve("ldirectord.ldirectord.cf.pid"), named.pid() + "\n");

            Run status = ldirectord("ldirectord.cf", "status");
            assertEquals(0, status.exit);
            assertEquals("ldirectord for " + config + " is running with pid: " + named.pid() + "\n", status.err);
            assertEquals("", status.out);

            Run stop = ldirectord("ldirectord.cf", "stop");
            assertEquals(0, stop.exit);
            assertTrue(named.waitFor(30, TimeUnit.SECONDS), "stop sent SIGTERM");
        } finally {
            named.destroyForcibly();
        }
    }

    @Test
    void oneArgumentMeansTheDefaultConfigAndItsOwnPidFile() throws Exception {
        Run run = ldirectord("status");

        assertEquals(3, run.exit);
        assertEquals("ldirectord is stopped for " + config + "\n", run.out);
    }

    @Test
    void usageMissingConfigConfigErrorsAndReloadOfAStoppedDaemon() throws Exception {
        Run usage = ldirectord();
        assertEquals(255, usage.exit);
        assertTrue(usage.out.startsWith("Usage:"), usage.out);
        assertEquals(255, ldirectord("ldirectord.cf", "frobnicate").exit);

        Run missing = ldirectord("nothere.cf", "status");
        assertEquals(1, missing.exit);
        assertEquals("Config file nothere.cf not found\n", missing.err);

        Files.writeString(config, "checkinterval=0\n");
        Run broken = ldirectord("ldirectord.cf", "status");
        assertEquals(2, broken.exit, "a configuration error fails every command, even status");
        assertTrue(broken.err.matches("Error \\[\\d+\\] reading file " + java.util.regex.Pattern.quote(config.toString())
                + " at line 1: invalid check interval value\n"), broken.err);

        Files.copy(SAMPLE, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run reload = ldirectord("ldirectord.cf", "reload");
        assertEquals(1, reload.exit);
        assertEquals("ldirectord is stopped for " + config + "\n", reload.err);
    }

    private Run ldirectord(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(runDir.toFile());
        pb.environment().put("JHEARTBEAT_HA_DIR", haDir.toString());
        pb.environment().put("JHEARTBEAT_RUN_DIR", runDir.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        var stderr = new java.util.concurrent.CompletableFuture<String>();
        Thread.ofVirtual().start(() -> {
            try {
                stderr.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                stderr.completeExceptionally(e);
            }
        });
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ldirectord did not finish");
        return new Run(p.exitValue(), stdout, stderr.get(60, TimeUnit.SECONDS));
    }

    private record Run(int exit, String out, String err) {
    }
}
