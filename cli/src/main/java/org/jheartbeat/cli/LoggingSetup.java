package org.jheartbeat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.jheartbeat.agents.kernel.SyslogSender;
import org.jheartbeat.core.config.LoggingSettings;
import org.slf4j.LoggerFactory;

/** Configures Logback in code from ha.cf's logging directives (no logback.xml is shipped). */
final class LoggingSetup {

    private LoggingSetup() {
    }

    /** For the short-lived commands: only warnings and errors, on stderr. */
    static void quiet() {
        LoggerContext context = reset();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(start(context, new ConsoleAppender<>(), hostName(), "stderr", true));
    }

    /**
     * The daemon's logging: {@code logfile} gets info and above, {@code debugfile} everything
     * logged (debug when {@code debug} or {@code -d} asks for it), syslog ({@code logfacility})
     * the same as the debug file, stderr too in the foreground.
     */
    static void daemon(LoggingSettings settings, int extraDebug, String node, boolean foreground) {
        daemon(settings, extraDebug, node, foreground, SyslogSender.DEV_LOG);
    }

    /** {@link #daemon(LoggingSettings, int, String, boolean)} with syslog listening at {@code syslogSocket}. */
    static void daemon(LoggingSettings settings, int extraDebug, String node, boolean foreground, Path syslogSocket) {
        LoggerContext context = reset();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        int debugLevel = settings.debugLevel() + extraDebug;
        root.setLevel(debugLevel > 0 ? Level.DEBUG : Level.INFO);
        context.getLogger("org.jgroups").setLevel(debugLevel > 1 ? Level.DEBUG : Level.WARN);
        settings.logfile().filter(LoggingSetup::notDevNull).ifPresent(file ->
                root.addAppender(file(context, file, node, Level.INFO)));
        settings.debugfile().filter(LoggingSetup::notDevNull).ifPresent(file ->
                root.addAppender(file(context, file, node, Level.ALL)));
        settings.facility().ifPresent(facility -> {
            SyslogAppender syslog = new SyslogAppender(facility, "heartbeat", syslogSocket);
            syslog.setContext(context);
            syslog.start();
            root.addAppender(syslog);
        });
        if (foreground) {
            root.addAppender(start(context, new ConsoleAppender<>(), node, "stderr", true));
        }
    }

    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static boolean notDevNull(Path path) {
        return !path.toString().equals("/dev/null");
    }

    private static LoggerContext reset() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        return context;
    }

    private static OutputStreamAppender<ILoggingEvent> file(LoggerContext context, Path file, String node, Level threshold) {
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setFile(file.toString());
        appender.setAppend(true);
        ThresholdFilter filter = new ThresholdFilter();
        filter.setLevel(threshold.levelStr);
        filter.start();
        appender.addFilter(filter);
        return start(context, appender, node, file.toString(), false);
    }

    private static OutputStreamAppender<ILoggingEvent> start(LoggerContext context,
                                                             OutputStreamAppender<ILoggingEvent> appender,
                                                             String node, String name, boolean stderr) {
        if (stderr && appender instanceof ConsoleAppender<ILoggingEvent> console) {
            console.setTarget("System.err");
        }
        HeartbeatLogLayout layout = new HeartbeatLogLayout(node, "heartbeat");
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
