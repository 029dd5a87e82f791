package org.jheartbeat.agents.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends lines to the local syslog daemon as glibc's syslog(3) does: one datagram per line on
 * the {@code /dev/log} AF_UNIX socket, {@code <PRI>Mmm dd HH:MM:SS TAG[PID]: TEXT} with PRI =
 * facility × 8 + severity. It never blocks its caller: a line syslog cannot take (no daemon,
 * socket full) is dropped and counted, and the count is reported in the first line that gets
 * through afterwards.
 */
public final class SyslogSender implements AutoCloseable {

    /** Where syslog daemons listen. */
    public static final Path DEV_LOG = Path.of("/dev/log");

    /** glibc's facility names and their codes. */
    public static final Map<String, Integer> FACILITIES = Map.ofEntries(Map.entry("kern", 0), Map.entry("user", 1),
            Map.entry("mail", 2), Map.entry("daemon", 3), Map.entry("auth", 4), Map.entry("security", 4),
            Map.entry("syslog", 5), Map.entry("lpr", 6), Map.entry("news", 7), Map.entry("uucp", 8),
            Map.entry("cron", 9), Map.entry("authpriv", 10), Map.entry("ftp", 11), Map.entry("local0", 16),
            Map.entry("local1", 17), Map.entry("local2", 18), Map.entry("local3", 19), Map.entry("local4", 20),
            Map.entry("local5", 21), Map.entry("local6", 22), Map.entry("local7", 23));

    /** syslog severities. */
    public static final int CRITICAL = 2;
    public static final int ERROR = 3;
    public static final int WARNING = 4;
    public static final int INFO = 6;
    public static final int DEBUG = 7;

    /** Longer lines are cut: some syslog daemons refuse big datagrams altogether. */
    public static final int MAX_DATAGRAM = 2048;

    // RFC 3164 pads a one-digit day with a space
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH).withZone(ZoneId.systemDefault());

    private final int facility;
    private final String program;
    private final String pid;
    private final Path socketPath;
    private final UnixDatagramSocket socket;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reported = new AtomicLong();

    /**
     * @param facilityName a name of {@link #FACILITIES}
     * @param program      the tag, e.g. {@code heartbeat}
     * @param socketPath   normally {@link #DEV_LOG}
     * @throws IllegalArgumentException for an unknown facility
     */
    public SyslogSender(String facilityName, String program, Path socketPath) throws IOException {
        Integer code = FACILITIES.get(facilityName);
        if (code == null) {
            throw new IllegalArgumentException("unknown syslog facility: " + facilityName);
        }
        this.facility = code;
        this.program = program;
        this.pid = "[" + ProcessHandle.current().pid() + "]: ";
        this.socketPath = socketPath;
        this.socket = UnixDatagramSocket.open();
    }

    /** Sends {@code text} (newlines become blanks) tagged with this sender's program; never throws, never waits. */
    public void send(Instant when, int severity, String text) {
        send(when, severity, program, text);
    }

    /** Sends {@code text} tagged {@code tag[PID]} (one process logs for two programs: heartbeat and ipfail). */
    public void send(Instant when, int severity, String tag, String text) {
        try {
            long lost = dropped.get() - reported.get();
            if (lost > 0 && deliver(line(when, WARNING, program, "WARN: " + lost
                    + " log message(s) could not be sent to syslog"))) {
                reported.addAndGet(lost);
            }
            if (!deliver(line(when, severity, tag, text))) {
                dropped.incrementAndGet();
            }
        } catch (RuntimeException e) {
            dropped.incrementAndGet(); // logging must never fail the caller
        }
    }

    /** Lines syslog did not take so far. */
    public long dropped() {
        return dropped.get();
    }

    private boolean deliver(byte[] datagram) {
        return socket.send(socketPath, datagram) == 0;
    }

    private byte[] line(Instant when, int severity, String tag, String text) {
        String line = "<" + (facility * 8 + severity) + ">" + TIME.format(when) + " " + tag + pid
                + text.replace('\n', ' ');
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_DATAGRAM) {
            return bytes;
        }
        byte[] cut = new byte[MAX_DATAGRAM];
        System.arraycopy(bytes, 0, cut, 0, MAX_DATAGRAM);
        return cut;
    }

    @Override
    public void close() {
        socket.close();
    }
}
