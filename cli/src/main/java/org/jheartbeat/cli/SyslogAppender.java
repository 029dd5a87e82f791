package org.jheartbeat.cli;

import java.io.IOException;
import java.nio.file.Path;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import org.jheartbeat.agents.kernel.SyslogSender;

/**
 * Sends every log event to the local syslog daemon (ha.cf {@code logfacility}) through a
 * {@link SyslogSender}: the text after the pid is the log file's ({@code LEVEL: TEXT}).
 * Logging must never hold up the daemon; the sender never blocks and counts what it drops.
 */
final class SyslogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private final String facilityName;
    private final String program;
    private final Path socketPath;
    private SyslogSender sender;

    /**
     * @param facilityName a name of {@link SyslogSender#FACILITIES}
     * @param program      the tag, e.g. {@code heartbeat}
     * @param socketPath   normally {@link SyslogSender#DEV_LOG}
     */
    SyslogAppender(String facilityName, String program, Path socketPath) {
        if (!SyslogSender.FACILITIES.containsKey(facilityName)) {
            throw new IllegalArgumentException("unknown syslog facility: " + facilityName);
        }
        this.facilityName = facilityName;
        this.program = program;
        this.socketPath = socketPath;
        setName("syslog " + facilityName);
    }

    @Override
    public void start() {
        try {
            sender = new SyslogSender(facilityName, program, socketPath);
        } catch (IOException | RuntimeException e) {
            addError("syslog is unavailable: " + e.getMessage(), e);
            return;
        }
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        if (sender != null) {
            sender.close();
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        sender.send(event.getInstant(), severity(event), HeartbeatLogLayout.program(event, program),
                HeartbeatLogLayout.level(event) + ": " + text(event));
    }

    /** Lines syslog did not take so far. */
    long dropped() {
        return sender.dropped();
    }

    private static String text(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        String message = event.getFormattedMessage();
        return thrown == null ? message : message + " (" + thrown.getClassName() + ": " + thrown.getMessage() + ")";
    }

    static int severity(ILoggingEvent event) {
        return switch (HeartbeatLogLayout.level(event)) {
            case "CRIT" -> SyslogSender.CRITICAL;
            case "ERROR" -> SyslogSender.ERROR;
            case "WARN" -> SyslogSender.WARNING;
            case "info" -> SyslogSender.INFO;
            default -> SyslogSender.DEBUG;
        };
    }
}
