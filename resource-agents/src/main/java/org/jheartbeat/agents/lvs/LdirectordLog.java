package org.jheartbeat.agents.lvs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jheartbeat.agents.kernel.SyslogSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;

/**
 * One ldirectord instance's log: every line goes to the {@code ldirectord} logger (so the
 * heartbeat daemon's log shows it) and to ldirectord.cf's {@code logfile} (spec §2): a path
 * gets {@code [Sat Nov 21 22:56:29 2026|CFGNAME|PID] MESSAGE}, the file opened and closed per
 * line so logrotate needs no signal, and stderr when the write fails; anything else names a
 * syslog facility (ident {@code ldirectord}, priority info, as ldirectord logs everything).
 */
final class LdirectordLog implements AutoCloseable {

    static final Logger LOG = LoggerFactory.getLogger("ldirectord");

    // Perl's scalar localtime: the day of the month padded with a blank
    private static final DateTimeFormatter PERL_TIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH).withZone(ZoneId.systemDefault());

    private final String cfgName;
    private final Path syslogSocket;
    private volatile String target = "";
    private volatile SyslogSender syslog;

    /** @param cfgName the configuration file's name, as the file format shows it */
    LdirectordLog(String cfgName) {
        this(cfgName, SyslogSender.DEV_LOG);
    }

    LdirectordLog(String cfgName, Path syslogSocket) {
        this.cfgName = cfgName;
        this.syslogSocket = syslogSocket;
    }

    /** Sends the following lines to {@code logFile} (a path or a facility); called at start and on reload. */
    synchronized void target(String logFile) {
        if (logFile.equals(target)) {
            return;
        }
        SyslogSender previous = syslog;
        syslog = null;
        if (previous != null) {
            previous.close();
        }
        if (!logFile.startsWith("/")) {
            try {
                syslog = new SyslogSender(logFile, "ldirectord", syslogSocket);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("cannot log to syslog facility {}: {}", logFile, e.getMessage());
            }
        }
        target = logFile;
    }

    void info(String format, Object... arguments) {
        String line = MessageFormatter.arrayFormat(format, arguments).getMessage();
        LOG.info("{}", line);
        write(line);
    }

    void warn(String format, Object... arguments) {
        String line = MessageFormatter.arrayFormat(format, arguments).getMessage();
        LOG.warn("{}", line);
        write(line);
    }

    void error(String format, Object... arguments) {
        String line = MessageFormatter.arrayFormat(format, arguments).getMessage();
        LOG.error("{}", line);
        write(line);
    }

    private void write(String line) {
        String to = target;
        Instant now = Instant.now();
        if (to.startsWith("/")) {
            String entry = "[" + PERL_TIME.format(now) + "|" + cfgName + "|" + ProcessHandle.current().pid() + "] "
                    + line + "\n";
            try {
                Files.writeString(Path.of(to), entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.print(line + "\n");
            }
        } else {
            SyslogSender sender = syslog;
            if (sender != null) {
                sender.send(now, SyslogSender.INFO, line);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (syslog != null) {
            syslog.close();
            syslog = null;
        }
        target = "";
    }
}
