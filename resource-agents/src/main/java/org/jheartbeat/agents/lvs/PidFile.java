package org.jheartbeat.agents.lvs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * ldirectord's pid file {@code RUNDIR/ldirectord.CFGNAME.pid} and its notion of "running": the
 * file names a process whose command line contains {@code ldirectord}.
 */
public record PidFile(Path path) {

    /** {@code CFGNAME} is the last path component of the configuration as given. */
    public static PidFile of(Path runDir, String cfgName) {
        return new PidFile(runDir.resolve("ldirectord." + cfgName + ".pid"));
    }

    public boolean exists() {
        return Files.exists(path);
    }

    /** The pid in the file, if it holds one. */
    public OptionalLong pid() {
        try {
            String text = Files.readString(path, StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]{1,10}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The pid of a live ldirectord process named by the file. */
    public OptionalLong runningPid() {
        OptionalLong pid = pid();
        if (pid.isEmpty()) {
            return pid;
        }
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid.getAsLong()), "cmdline"));
            return new String(cmdline, StandardCharsets.ISO_8859_1).contains("ldirectord") ? pid : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    public void write(long pid) throws IOException {
        Files.writeString(path, pid + "\n", StandardCharsets.US_ASCII);
    }

    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LdirectordLog.LOG.warn("cannot remove pid file {}: {}", path, e.getMessage());
        }
    }
}
