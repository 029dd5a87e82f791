package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code heartbeat --check} as an admin runs it: the launcher script of the built distribution
 * against the shipped samples and against a directory with one mistake per file.
 */
class HeartbeatCheckCommandTest {

    private static final Path LAUNCHER = Path.of("target/jheartbeat/bin/heartbeat").toAbsolutePath();
    private static final Path SAMPLES = Path.of("../etc-ha.d").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @BeforeEach
    void copySamples() throws IOException {
        try (var files = Files.list(SAMPLES)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.setPosixFilePermissions(dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void samplesAreValidForEitherDirector() throws Exception {
        Run run = check("--node", "loadb1");

        assertEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("loadb1  normal  (this node)"), run.output);
        assertTrue(run.output.contains("loadb2  normal"), run.output);
        assertTrue(run.output.contains("192.168.0.254  ping"), run.output);
        assertTrue(run.output.contains("bcast eth0 port 694"), run.output);
        assertTrue(run.output.contains("ucast eth1 peer 10.0.1.2 port 694"), run.output);
        assertTrue(run.output.contains("timers: keepalive 1000 ms, deadtime 10000 ms, warntime 5000 ms,"
                + " initdead 60000 ms"), run.output);
        assertTrue(run.output.contains("auto_failback: off"), run.output);
        assertTrue(run.output.contains("(built-in ipfail)"), run.output);
        assertTrue(run.output.contains("signs with key 2 (sha1)"), run.output);
        assertTrue(run.output.contains("IPaddr2::192.168.0.100/24/eth0/192.168.0.255  home loadb1 (local)"),
                run.output);
        assertTrue(run.output.contains("3. LVSSyncDaemonSwap [master]  -> built-in agent"), run.output);
        assertTrue(run.output.contains("Valid ("), run.output);

        Run other = check("--node", "loadb2");
        assertEquals(0, other.exit, other.output);
        assertTrue(other.output.contains("home loadb1 (foreign)"), other.output);
    }

    @Test
    void everyMistakeIsNamedByFileAndLine() throws Exception {
        append("ha.cf", "deadtme 10\n");
        Files.setPosixFilePermissions(dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-r--r--"));
        append("haresources", "loadb7 10.0.0.7/24/eth0\n");
        int haCfLine = lines("ha.cf");
        int resourcesLine = lines("haresources");

        Run run = check("--node", "loadb1");

        assertEquals(1, run.exit, run.output);
        assertTrue(run.output.contains(dir.resolve("ha.cf") + ":" + haCfLine + ": error: "), run.output);
        assertTrue(run.output.contains("deadtime"), "did-you-mean hint expected:\n" + run.output);
        assertTrue(run.output.contains(dir.resolve("authkeys") + ": error: Bad permissions on keyfile"), run.output);
        assertTrue(run.output.contains(dir.resolve("haresources") + ":" + resourcesLine
                + ": error: Bad nodename"), run.output);
        assertTrue(run.output.contains("INVALID: 3 errors"), run.output);
    }

    @Test
    void unknownNodeIsRefused() throws Exception {
        Run run = check("--node", "loadb3");

        assertEquals(1, run.exit, run.output);
        assertTrue(run.output.contains("Current node [loadb3] not in configuration!"), run.output);
    }

    private Run check(String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "--check", "-c", dir.toString()));
        command.addAll(List.of(extra));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "heartbeat --check did not finish");
        return new Run(p.exitValue(), output);
    }

    private void append(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), Files.readString(dir.resolve(file)) + text);
    }

    private int lines(String file) throws IOException {
        return Files.readAllLines(dir.resolve(file)).size();
    }

    private record Run(int exit, String output) {
    }
}
