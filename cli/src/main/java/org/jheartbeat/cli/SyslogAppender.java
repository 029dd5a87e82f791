package org.jheartbeat.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * Sends every log event to the local syslog daemon (ha.cf {@code logfacility}) as glibc's
 * syslog(3) does: one datagram per line on the {@code /dev/log} AF_UNIX socket, formatted
 * {@code <PRI>Mmm dd HH:MM:SS heartbeat[PID]: LEVEL: TEXT} where PRI is facility * 8 + severity
 * and the text after the pid is the log file's. Logging must never hold up the daemon: the
 * socket never blocks, and a line syslog cannot take (no daemon, socket full) is dropped and
 * counted; the count is reported in the first line that gets through afterwards.
 */
final class SyslogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** Where syslog daemons listen. */
    static final Path DEV_LOG = Path.of("/dev/log");

    /** glibc's facility names (as ha.cf accepts them) and their codes. */
    static final Map<String, Integer> FACILITIES = Map.ofEntries(Map.entry("kern", 0), Map.entry("user", 1),
            Map.entry("mail", 2), Map.entry("daemon", 3), Map.entry("auth", 4), Map.entry("security", 4),
            Map.entry("syslog", 5), Map.entry("lpr", 6), Map.entry("news", 7), Map.entry("uucp", 8),
            Map.entry("cron", 9), Map.entry("authpriv", 10), Map.entry("ftp", 11), Map.entry("local0", 16),
            Map.entry("local1", 17), Map.entry("local2", 18), Map.entry("local3", 19), Map.entry("local4", 20),
            Map.entry("local5", 21), Map.entry("local6", 22), Map.entry("local7", 23));

    /** Longer lines are cut: some syslog daemons refuse big datagrams altogether. */
    static final int MAX_DATAGRAM = 2048;

    // RFC 3164 pads a one-digit day with a space
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH).withZone(ZoneId.systemDefault());

    private final int facility;
    private final String program;
    private final String tag;
    private final Path socketPath;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reported = new AtomicLong();
    private UnixDatagramSocket socket;

    /**
     * @param facilityName a name of {@link #FACILITIES}
     * @param program      the tag, e.g. {@code heartbeat}
     * @param socketPath   normally {@link #DEV_LOG}
     */
    SyslogAppender(String facilityName, String program, Path socketPath) {
        Integer code = FACILITIES.get(facilityName);
        if (code == null) {
            throw new IllegalArgumentException("unknown syslog facility: " + facilityName);
        }
        this.facility = code;
        this.program = program;
        this.tag = "[" + ProcessHandle.current().pid() + "]: ";
        this.socketPath = socketPath;
        setName("syslog " + facilityName);
    }

    @Override
    public void start() {
        try {
            socket = UnixDatagramSocket.open();
        } catch (IOException | RuntimeException e) {
            addError("syslog is unavailable: " + e.getMessage(), e);
            return;
        }
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        if (socket != null) {
            socket.close();
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        try {
            long lost = dropped.get() - reported.get();
            if (lost > 0 && send(line(event, 4, "WARN: " + lost + " log message(s) could not be sent to syslog"))) {
                reported.addAndGet(lost);
            }
            if (!send(line(event, severity(event), HeartbeatLogLayout.level(event) + ": " + text(event)))) {
                dropped.incrementAndGet();
            }
        } catch (RuntimeException e) {
            dropped.incrementAndGet(); // logging must never fail the caller
        }
    }

    /** Lines syslog did not take so far. */
    long dropped() {
        return dropped.get();
    }

    private boolean send(byte[] datagram) {
        return socket.send(socketPath, datagram) == 0;
    }

    private byte[] line(ILoggingEvent event, int severity, String text) {
        String line = "<" + (facility * 8 + severity) + ">" + TIME.format(event.getInstant()) + " "
                + HeartbeatLogLayout.program(event, program) + tag
                + text.replace('\n', ' ');
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_DATAGRAM) {
            return bytes;
        }
        byte[] cut = new byte[MAX_DATAGRAM];
        System.arraycopy(bytes, 0, cut, 0, MAX_DATAGRAM);
        return cut;
    }

    private static String text(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        String message = event.getFormattedMessage();
        return thrown == null ? message : message + " (" + thrown.getClassName() + ": " + thrown.getMessage() + ")";
    }

    /** syslog severities: 2 critical, 3 error, 4 warning, 6 informational, 7 debug. */
    static int severity(ILoggingEvent event) {
        return switch (HeartbeatLogLayout.level(event)) {
            case "CRIT" -> 2;
            case "ERROR" -> 3;
            case "WARN" -> 4;
            case "info" -> 6;
            default -> 7;
        };
    }
}
