package org.jheartbeat.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import org.jheartbeat.core.membership.LogMarkers;

/**
 * Heartbeat's log line format (spec §14): {@code Mon DD HH:MM:SS NODE heartbeat: [PID]: LEVEL: TEXT}
 * with LEVEL {@code debug}, {@code info}, {@code WARN}, {@code ERROR} or {@code CRIT}; the
 * built-in ipfail's lines say {@code ipfail:} where Heartbeat's separate ipfail process did.
 */
final class HeartbeatLogLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneId.systemDefault());

    private final String prefix;
    private final String ipfailPrefix;

    HeartbeatLogLayout(String node, String program) {
        String pid = ": [" + ProcessHandle.current().pid() + "]: ";
        this.prefix = " " + node + " " + program + pid;
        this.ipfailPrefix = " " + node + " " + LogMarkers.IPFAIL_LOGGER + pid;
    }

    /** The program tag of a line: {@code ipfail} for the built-in ipfail's lines, else {@code program}. */
    static String program(ILoggingEvent event, String program) {
        return fromIpfail(event) ? LogMarkers.IPFAIL_LOGGER : program;
    }

    private static boolean fromIpfail(ILoggingEvent event) {
        return LogMarkers.IPFAIL_LOGGER.equals(event.getLoggerName());
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128)
                .append(TIME.format(event.getInstant()))
                .append(fromIpfail(event) ? ipfailPrefix : prefix)
                .append(level(event))
                .append(": ")
                .append(event.getFormattedMessage())
                .append(CoreConstants.LINE_SEPARATOR);
        if (event.getThrowableProxy() != null) {
            line.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append(CoreConstants.LINE_SEPARATOR);
        }
        return line.toString();
    }

    /** Heartbeat's word for the event's level. */
    static String level(ILoggingEvent event) {
        if (event.getMarkerList() != null && event.getMarkerList().contains(LogMarkers.CRIT)) {
            return "CRIT";
        }
        Level level = event.getLevel();
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return "ERROR";
        }
        if (level.isGreaterOrEqual(Level.WARN)) {
            return "WARN";
        }
        return level.isGreaterOrEqual(Level.INFO) ? "info" : "debug";
    }
}
