package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's start-up refusals and the commands that talk to a daemon when none runs, through
 * the launcher of the built distribution. Nothing here needs root or touches the network.
 */
class HeartbeatDaemonStartupTest {

    private static final Path LAUNCHER = Path.of("target/jheartbeat/bin/heartbeat").toAbsolutePath();

    @TempDir
    Path dir;

    private record Run(int exit, String output) {
    }

    private Run heartbeat(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "-c", dir.toString(), "--node", "x1",
                "--pidfile", dir.resolve("pid").toString(), "--run-dir", dir.resolve("run").toString(),
                "--state-dir", dir.resolve("state").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), output);
    }

    private void config(String media) throws IOException {
        Files.writeString(dir.resolve("ha.cf"), "keepalive 100ms\ndeadtime 500ms\ninitdead 1\ncrm off\n"
                + "auto_failback off\nnode x1 x2\n" + media);
        Files.writeString(dir.resolve("authkeys"), "auth 1\n1 sha1 secret\n");
        Files.setPosixFilePermissions(dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("haresources"), "");
    }

    @Test
    void aSerialMediumIsRefusedWithAdviceAndExitSix() throws Exception {
        config("serial /dev/ttyS0\n");
        Run run = heartbeat("-f");
        assertEquals(HeartbeatCommand.EXIT_NOT_CONFIGURED, run.exit(), run.output());
        assertTrue(run.output().contains("serial media are not supported"), run.output());
        assertTrue(run.output().contains("ucast"), run.output());
        assertFalse(Files.exists(dir.resolve("pid")));
    }

    @Test
    void aMissingInterfaceStopsTheStartNamingIt() throws Exception {
        config("bcast nosuch0\n");
        Run run = heartbeat("-f");
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("IP interface [nosuch0] does not exist"), run.output());
        assertFalse(Files.exists(dir.resolve("pid")));
    }

    @Test
    void withNoDaemonMinusKSaysAlreadyStoppedAndStatusSaysStopped() throws Exception {
        config("bcast lo\n");
        Run kill = heartbeat("-k");
        assertEquals(0, kill.exit());
        assertTrue(kill.output().contains("INFO: Heartbeat already stopped."), kill.output());
        Run status = heartbeat("--status");
        assertEquals(HeartbeatCommand.EXIT_NOT_RUNNING, status.exit());
        assertTrue(status.output().contains("heartbeat is stopped. No process"), status.output());
    }
}
