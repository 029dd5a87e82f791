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
 * with LEVEL {@code debug}, {@code info}, {@code WARN}, {@code ERROR} or {@code CRIT}.
 */
final class HeartbeatLogLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneId.systemDefault());

    private final String prefix;

    HeartbeatLogLayout(String node, String program) {
        this.prefix = " " + node + " " + program + ": [" + ProcessHandle.current().pid() + "]: ";
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128)
                .append(TIME.format(event.getInstant()))
                .append(prefix)
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
