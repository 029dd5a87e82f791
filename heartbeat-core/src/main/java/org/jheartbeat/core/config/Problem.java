package org.jheartbeat.core.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong (or suspicious) in a configuration file.
 *
 * @param line 1-based line number, or 0 when the problem concerns the file as a whole
 *             (missing, unreadable, bad permissions) or a value that has no line of its own
 *             (a default that clashes with another setting)
 */
public record Problem(Severity severity, Path file, int line, String message) {

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0: " + line);
        }
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code FILE:LINE: error: MESSAGE}, or {@code FILE: error: MESSAGE} without a line. */
    public String format() {
        return file + (line > 0 ? ":" + line : "") + ": " + severity.word() + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
