package org.jheartbeat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.jheartbeat.agents.kernel.SyslogSender;
import org.jheartbeat.core.config.LoggingSettings;
import org.slf4j.LoggerFactory;

/** Configures Logback in code from ha.cf's logging directives (no logback.xml is shipped). */
final class LoggingSetup {

    /** How long a barrier waits for the log writer (a disk that hangs must not hang the daemon). */
    private static final Duration WRITE_WAIT = Duration.ofSeconds(2);

    /** The daemon's queue of log lines; null in the short-lived commands, which log synchronously. */
    private static volatile QueuedAppender daemonLog;

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
     * the same as the debug file, stderr too in the foreground; all of them written by a
     * {@link QueuedAppender}.
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
        List<Appender<ILoggingEvent>> targets = new ArrayList<>();
        settings.logfile().filter(LoggingSetup::notDevNull).ifPresent(file ->
                targets.add(file(context, file, node, Level.INFO)));
        settings.debugfile().filter(LoggingSetup::notDevNull).ifPresent(file ->
                targets.add(file(context, file, node, Level.ALL)));
        settings.facility().ifPresent(facility -> {
            SyslogAppender syslog = new SyslogAppender(facility, "heartbeat", syslogSocket);
            syslog.setContext(context);
            syslog.start();
            targets.add(syslog);
        });
        if (foreground) {
            targets.add(start(context, new ConsoleAppender<>(), node, "stderr", true));
        }
        QueuedAppender queued = new QueuedAppender(targets);
        queued.setContext(context);
        queued.start();
        root.addAppender(queued);
        daemonLog = queued;
    }

    /**
     * Waits (a short while at most) until every line the daemon logged so far is written: before
     * the control socket answers and before the process exits. Returns at once for the commands.
     */
    static void awaitWritten() {
        QueuedAppender log = daemonLog;
        if (log != null) {
            log.awaitWritten(WRITE_WAIT);
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
        daemonLog = null;
        context.reset(); // stops the old appenders: a queue writes what it holds first
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
