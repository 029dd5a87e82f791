package org.jheartbeat.agents.lvs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code monitorfile=}: one line per check result,
 * {@code [LOCALTIME] [PID] REAL_ID_WITH_COLONS_AS_SPACES [up|down] MESSAGE}, the message escaped
 * so that it stays on one line.
 */
final class MonitorFile {

    private static final DateTimeFormatter PERL_LOCALTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    private MonitorFile() {
    }

    static String line(ZonedDateTime now, long pid, String realId, boolean up, String message) {
        String id = realId.replace("\\", "").replaceAll(":+", " ");
        String text = message.isEmpty() ? "-" : message.replace("%", "%25").replace("|", "%7c")
                .replace("\r", "%0d").replace("\n", "%0a");
        return "[" + PERL_LOCALTIME.format(now) + "] [" + pid + "] " + id + " [" + (up ? "up" : "down") + "] " + text;
    }

    static void append(Path file, String line) throws IOException {
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
