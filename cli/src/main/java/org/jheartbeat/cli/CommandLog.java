package org.jheartbeat.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * Error lines of the short-lived commands in Heartbeat's log format on stderr, without a logging
 * framework (cl_status must start fast): {@code Mon DD HH:MM:SS HOST PROGRAM: [PID]: ERROR: TEXT}.
 */
final class CommandLog {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};

    private final String program;
    private final PrintStream err;

    CommandLog(String program, PrintStream err) {
        this.program = program;
        this.err = err;
    }

    void error(String text) {
        err.println(line("ERROR", text));
    }

    String line(String level, String text) {
        LocalDateTime now = LocalDateTime.now();
        return String.format(Locale.ROOT, "%s %02d %02d:%02d:%02d %s %s: [%d]: %s: %s", MONTHS[now.getMonthValue() - 1],
                now.getDayOfMonth(), now.getHour(), now.getMinute(), now.getSecond(), hostName(), program,
                ProcessHandle.current().pid(), level, text);
    }

    static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
