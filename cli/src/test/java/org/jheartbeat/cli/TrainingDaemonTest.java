package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.jheartbeat.core.control.ControlClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The start-up caches' training daemon, and where its socket can live. */
@Timeout(60)
class TrainingDaemonTest {

    private final String temporary = System.getProperty("java.io.tmpdir");

    @AfterEach
    void restoreTemporaryDirectory() {
        System.setProperty("java.io.tmpdir", temporary);
    }

    @Test
    void whereTheTemporaryDirectoryCannotHoldASocketItListensOnDevShmAndLeavesNothingBehind(@TempDir Path dir)
            throws Exception {
        // a socket path longer than the 108 bytes of sun_path is refused, as a 9p /tmp refuses any
        Path tooDeep = Files.createDirectories(dir.resolve("d".repeat(100)));
        System.setProperty("java.io.tmpdir", tooDeep.toString());
        Path listening;
        try (TrainingDaemon daemon = TrainingDaemon.start("test", request -> "ok\nanswer to " + request + "\n")) {
            listening = daemon.runDirectory();
            assertTrue(listening.startsWith("/dev/shm"), listening.toString());
            assertEquals("ok\nanswer to cluster\n", ControlClient.ask(listening, "cluster", Duration.ofSeconds(10)));
        }
        assertFalse(Files.exists(listening), "its directory is removed when it closes");
        try (Stream<Path> left = Files.list(tooDeep)) {
            assertEquals(0, left.count(), "the directory that could not hold the socket is removed");
        }
    }

    @Test
    void bothTrainingWorkloadsRunToTheEnd() throws Exception {
        ClStatusTraining.main(new String[0]);
        StandbyRequestTraining.main(new String[0]);
    }
}
