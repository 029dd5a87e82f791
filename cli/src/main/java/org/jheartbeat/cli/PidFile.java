package org.jheartbeat.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** The daemon's pid file (/var/run/heartbeat.pid): who is running, for {@code -k} and the init script. */
record PidFile(Path path) {

    /** The pid written in the file, if the file exists and that process is still alive. */
    Optional<ProcessHandle> runningProcess() {
        return readPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    Optional<Long> readPid() {
        try {
            String text = Files.readString(path, StandardCharsets.US_ASCII).strip();
            return Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Writes this process's pid atomically (a reader never sees a half-written file). */
    void writeCurrent() throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".heartbeat", ".pid");
        Files.writeString(temporary, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the file if it still names this process. */
    void removeIfOurs() {
        if (readPid().filter(pid -> pid == ProcessHandle.current().pid()).isPresent()) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // the next start overwrites a stale file; nothing else to do at exit
            }
        }
    }
}
