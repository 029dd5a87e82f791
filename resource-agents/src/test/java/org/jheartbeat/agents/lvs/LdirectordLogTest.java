package org.jheartbeat.agents.lvs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jheartbeat.agents.kernel.UnixDatagramSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ldirectord.cf's logfile: a file in ldirectord's format, or a syslog facility. */
class LdirectordLogTest {

    @TempDir
    Path dir;

    @Test
    void aPathGetsLinesInLdirectordsFileFormat() throws Exception {
        Path file = dir.resolve("ldirectord.log");
        try (LdirectordLog log = new LdirectordLog("ldirectord.cf", dir.resolve("no-syslog"))) {
            log.target(file.toString());
            log.info("Added real server: {}:{} ({}) (Weight set to {})", "10.0.0.2", 80, "10.0.0.100:80", 1);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.getFirst().matches("\\[(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ 123]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}"
                + "\\|ldirectord\\.cf\\|" + ProcessHandle.current().pid()
                + "] Added real server: 10\\.0\\.0\\.2:80 \\(10\\.0\\.0\\.100:80\\) \\(Weight set to 1\\)"), lines.getFirst());
    }

    @Test
    void aReloadWithAnotherLogfileMovesTheFollowingLines() throws Exception {
        Path first = dir.resolve("first.log");
        Path second = dir.resolve("second.log");
        try (LdirectordLog log = new LdirectordLog("web.cf", dir.resolve("no-syslog"))) {
            log.target(first.toString());
            log.info("one");
            log.target(second.toString());
            log.warn("two");
        }
        assertTrue(Files.readString(first).endsWith("] one\n"));
        assertTrue(Files.readString(second).endsWith("] two\n"));
    }

    @Test
    void aFacilityGoesToSyslogAsLdirectordAtPriorityInfo() throws Exception {
        Path socketPath = dir.resolve("log");
        try (UnixDatagramSocket syslog = UnixDatagramSocket.bound(socketPath);
             LdirectordLog log = new LdirectordLog("ldirectord.cf", socketPath)) {
            log.target("local0");
            log.error("Deleted real server: 10.0.0.3:80 (10.0.0.100:80)");
            AtomicReference<String> received = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                Optional<byte[]> datagram = syslog.receive();
                datagram.ifPresent(d -> received.set(new String(d, StandardCharsets.UTF_8)));
                return datagram.isPresent();
            });
            assertTrue(received.get().matches("<134>[A-Z][a-z]{2} [ 123]\\d \\d\\d:\\d\\d:\\d\\d ldirectord\\["
                    + ProcessHandle.current().pid() + "]: Deleted real server: 10\\.0\\.0\\.3:80 \\(10\\.0\\.0\\.100:80\\)"),
                    received.get());
        }
    }

    @Test
    void anUnwritableFileFallsBackToStandardErrorWithoutFailing() {
        try (LdirectordLog log = new LdirectordLog("ldirectord.cf", dir.resolve("no-syslog"))) {
            log.target(dir.resolve("missing-directory/ldirectord.log").toString());
            log.info("still logged");
        }
        assertTrue(Files.notExists(dir.resolve("missing-directory")));
    }
}
