package org.jheartbeat.cli.init;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the init script touches, moved into one temporary directory through the script's
 * environment variables, so a test never reads or writes the director's real /etc/ha.d,
 * /var/run or /var/lock. The daemon binary is the built distribution's launcher.
 */
record InitSandbox(Path dir, String node) {

    static final Path SCRIPT = Script.INIT.resolve("heartbeat");

    Path haDir() {
        return dir.resolve("ha.d");
    }

    Path pidFile() {
        return dir.resolve("heartbeat.pid");
    }

    Path runDir() {
        return dir.resolve("run-heartbeat");
    }

    Path lockFile() {
        return dir.resolve("lock/heartbeat");
    }

    Path log() {
        return dir.resolve("ha-log");
    }

    Map<String, String> environment() {
        return Map.of(
                "HA_DIR", haDir().toString(),
                "HEARTBEAT", Script.DIST.resolve("bin/heartbeat").toString(),
                "HA_PIDFILE", pidFile().toString(),
                "HA_RUNDIR", runDir().toString(),
                "HA_STATEDIR", dir.resolve("var-lib-heartbeat").toString(),
                "HA_RSCTMP", dir.resolve("resource-agents").toString(),
                "HA_LOCKFILE", lockFile().toString(),
                "HA_NODE", node);
    }

    /** Writes ha.cf ({@code haCf} plus a logfile line), authkeys (mode 600) and an empty haresources. */
    InitSandbox configure(String haCf) throws IOException {
        Files.createDirectories(haDir());
        Files.createDirectories(lockFile().getParent());
        Files.writeString(haDir().resolve("ha.cf"), haCf + "logfile " + log() + "\n");
        Files.writeString(haDir().resolve("authkeys"), "auth 1\n1 sha1 init-script-test-secret\n");
        Files.setPosixFilePermissions(haDir().resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(haDir().resolve("haresources"), "");
        return this;
    }

    /** Runs {@code heartbeat ACTION} (the init script), optionally inside a network namespace. */
    Script.Result run(Optional<String> namespace, String... action) throws IOException, InterruptedException {
        List<String> prefix = namespace.map(ns -> List.of("ip", "netns", "exec", ns)).orElse(List.of());
        List<String> command = new ArrayList<>(List.of("/bin/sh", SCRIPT.toString()));
        command.addAll(List.of(action));
        return Script.run(prefix, command, environment());
    }

    Script.Result run(String... action) throws IOException, InterruptedException {
        return run(Optional.empty(), action);
    }

    /** The pid the daemon wrote, if the file is there. */
    Optional<Long> pid() throws IOException {
        if (!Files.exists(pidFile())) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(Files.readString(pidFile()).strip()));
    }
}
