package org.jheartbeat.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.jheartbeat.agents.kernel.SyslogSender;
import org.jheartbeat.agents.kernel.UnixDatagramSocket;
import org.jheartbeat.core.config.LoggingSettings;
import org.jheartbeat.core.membership.LogMarkers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Syslog output (ha.cf {@code logfacility}) checked by a real AF_UNIX datagram receiver
 * standing in for {@code /dev/log}.
 */
@Timeout(60) // a send that blocked would hang here instead of failing
class SyslogAppenderTest {

    private static final Pattern LINE = Pattern.compile(
            "<(\\d+)>([A-Z][a-z]{2} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d) heartbeat\\[(\\d+)\\]: (.*)");
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** A syslog daemon's socket: collects every datagram that arrives. */
    private final class Receiver {
        final UnixDatagramSocket socket;
        final List<String> lines = new CopyOnWriteArrayList<>();

        Receiver(Path path) throws Exception {
            socket = UnixDatagramSocket.bound(path);
            open.add(socket);
        }

        List<String> drain() throws Exception {
            Optional<byte[]> datagram;
            while ((datagram = socket.receive()).isPresent()) {
                lines.add(new String(datagram.get(), StandardCharsets.UTF_8));
            }
            return lines;
        }
    }

    private Logger logger(SyslogAppender appender) {
        LoggerContext context = new LoggerContext();
        appender.setContext(context);
        appender.start();
        open.add(appender::stop);
        Logger logger = context.getLogger("heartbeat");
        logger.addAppender(appender);
        return logger;
    }

    private static Matcher parsed(String line) {
        Matcher m = LINE.matcher(line);
        assertTrue(m.matches(), "syslog line format: " + line);
        assertEquals(PID, Long.parseLong(m.group(3)), "pid in the tag");
        return m;
    }

    @Test
    void priorityIsFacilityTimesEightPlusSeverityAndTheTextIsTheLogFilesText() throws Exception {
        Path socket = dir.resolve("log");
        Receiver syslog = new Receiver(socket);
        Logger log = logger(new SyslogAppender("local3", "heartbeat", socket));

        log.info("Link {}:{} up.", "x2", "eth0");
        log.warn("node x2: is dead");
        log.error("Return code 1 from /etc/ha.d/resource.d/IPaddr2");
        log.error(LogMarkers.CRIT, "Late heartbeat: Node x2: interval 75 ms (> deadtime)");
        log.atLevel(org.slf4j.event.Level.DEBUG).log("debug line"); // logger level is DEBUG by default

        await().atMost(Duration.ofSeconds(10)).until(() -> syslog.drain().size() == 5);
        List<String> expected = List.of(
                (19 * 8 + 6) + " info: Link x2:eth0 up.",
                (19 * 8 + 4) + " WARN: node x2: is dead",
                (19 * 8 + 3) + " ERROR: Return code 1 from /etc/ha.d/resource.d/IPaddr2",
                (19 * 8 + 2) + " CRIT: Late heartbeat: Node x2: interval 75 ms (> deadtime)",
                (19 * 8 + 7) + " debug: debug line");
        for (int i = 0; i < expected.size(); i++) {
            Matcher m = parsed(syslog.lines.get(i));
            assertEquals(expected.get(i), m.group(1) + " " + m.group(4));
        }
    }

    @Test
    void theBuiltInIpfailsLinesCarryTheIpfailTag() throws Exception {
        Path socket = dir.resolve("log");
        Receiver syslog = new Receiver(socket);
        SyslogAppender appender = new SyslogAppender("local3", "heartbeat", socket);
        Logger heartbeat = logger(appender);
        Logger ipfail = heartbeat.getLoggerContext().getLogger(LogMarkers.IPFAIL_LOGGER);
        ipfail.addAppender(appender);
        ipfail.setAdditive(false);

        ipfail.info("Giving up because we were told that we have less ping nodes.");
        heartbeat.info("x1 wants to go standby [all]");

        await().atMost(Duration.ofSeconds(10)).until(() -> syslog.drain().size() == 2);
        assertTrue(syslog.lines.get(0).matches("<158>[A-Z][a-z]{2} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d ipfail\\[" + PID
                + "\\]: info: Giving up because we were told that we have less ping nodes\\."), syslog.lines.get(0));
        Matcher m = parsed(syslog.lines.get(1));
        assertEquals("info: x1 wants to go standby [all]", m.group(4));
    }

    @Test
    void facilityNamesMapToGlibcCodes() throws Exception {
        Path socket = dir.resolve("log");
        Receiver syslog = new Receiver(socket);
        List<String> names = List.of("kern", "user", "daemon", "auth", "security", "authpriv", "syslog", "local0",
                "local7");
        List<Integer> codes = List.of(0, 1, 3, 4, 4, 10, 5, 16, 23);
        for (String name : names) {
            logger(new SyslogAppender(name, "heartbeat", socket)).warn("facility {}", name);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> syslog.drain().size() == names.size());
        for (int i = 0; i < names.size(); i++) {
            Matcher m = parsed(syslog.lines.get(i));
            assertEquals(codes.get(i) * 8 + 4, Integer.parseInt(m.group(1)), names.get(i));
            assertEquals("WARN: facility " + names.get(i), m.group(4));
        }
    }

    @Test
    void withoutASyslogDaemonLinesAreDroppedAndReportedOnceOneListensAgain() throws Exception {
        Path socket = dir.resolve("log");
        SyslogAppender appender = new SyslogAppender("daemon", "heartbeat", socket);
        Logger log = logger(appender);
        for (int i = 0; i < 5; i++) {
            log.info("nobody listens {}", i); // returns: neither blocks nor throws
        }
        assertEquals(5, appender.dropped());

        Receiver syslog = new Receiver(socket);
        log.info("Link x2:eth0 up.");
        await().atMost(Duration.ofSeconds(10)).until(() -> syslog.drain().size() == 2);
        assertEquals("WARN: 5 log message(s) could not be sent to syslog", parsed(syslog.lines.get(0)).group(4));
        assertEquals(3 * 8 + 4, Integer.parseInt(parsed(syslog.lines.get(0)).group(1)));
        assertEquals("info: Link x2:eth0 up.", parsed(syslog.lines.get(1)).group(4));
        log.info("again");
        await().atMost(Duration.ofSeconds(10)).until(() -> syslog.drain().size() == 3);
        assertEquals("info: again", parsed(syslog.lines.get(2)).group(4), "the loss is reported once");
    }

    @Test
    void aFullSyslogSocketDropsLinesInsteadOfBlocking() throws Exception {
        Path socket = dir.resolve("log");
        Receiver syslog = new Receiver(socket); // never reads until the end
        SyslogAppender appender = new SyslogAppender("daemon", "heartbeat", socket);
        Logger log = logger(appender);
        int lines = 5000;
        for (int i = 0; i < lines; i++) {
            log.info("line {} {}", i, "x".repeat(1000));
        }
        long dropped = appender.dropped();
        assertTrue(dropped > 0, "the receiver's queue is bounded, so some lines were dropped");
        List<String> received = syslog.drain();
        assertEquals(lines - dropped, received.size(), "every line is either delivered or counted as dropped");
        Iterator<String> it = received.iterator();
        assertTrue(parsed(it.next()).group(4).startsWith("info: line 0 "), "the first lines got through");
    }

    @Test
    void longLinesAreCutToOneDatagramAndNewlinesFlattened() throws Exception {
        Path socket = dir.resolve("log");
        Receiver syslog = new Receiver(socket);
        Logger log = logger(new SyslogAppender("user", "heartbeat", socket));
        log.info("two\nlines " + "y".repeat(5000));
        await().atMost(Duration.ofSeconds(10)).until(() -> syslog.drain().size() == 1);
        String line = syslog.lines.getFirst();
        assertEquals(SyslogSender.MAX_DATAGRAM, line.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(parsed(line).group(4).startsWith("info: two lines yyy"), line);
    }

    @Test
    void theDaemonLogsToSyslogWhenLogfacilityIsSetAndNotWhenItIsNone() throws Exception {
        Path socket = dir.resolve("log");
        Receiver syslog = new Receiver(socket);
        LoggingSetup.daemon(new LoggingSettings(Optional.empty(), Optional.empty(), Optional.of("local0"), false, 0),
                0, "x1", false, socket);
        try {
            LoggerFactory.getLogger("heartbeat").info("Heartbeat generation: 7");
            await().atMost(Duration.ofSeconds(10)).until(() -> syslog.drain().size() == 1);
            Matcher m = parsed(syslog.lines.getFirst());
            assertEquals("134 info: Heartbeat generation: 7", m.group(1) + " " + m.group(4));

            LoggingSetup.daemon(new LoggingSettings(Optional.empty(), Optional.empty(), Optional.empty(), false, 0),
                    0, "x1", false, socket);
            Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
            for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> appender = it.next();
                List<Appender<ILoggingEvent>> written = appender instanceof QueuedAppender queued ? queued.targets()
                        : List.of(appender);
                assertTrue(written.stream().noneMatch(SyslogAppender.class::isInstance),
                        "no syslog appender with logfacility none");
            }
        } finally {
            LoggingSetup.quiet();
        }
    }
}
