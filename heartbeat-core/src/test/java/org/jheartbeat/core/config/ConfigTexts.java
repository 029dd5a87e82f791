package org.jheartbeat.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds {@link ConfigText}s in memory and checks what every parse must guarantee. */
final class ConfigTexts {

    private ConfigTexts() {
    }

    /** The text split into lines as {@link ConfigFileReader} splits a file (LF, CR before LF dropped). */
    static ConfigText of(Path file, String content) {
        return of(file, content, number -> false);
    }

    /** As {@link #of(Path, String)}, leaving out the lines the reader would have refused. */
    static ConfigText of(Path file, String content, IntPredicate dropped) {
        List<ConfigLine> lines = new ArrayList<>();
        int number = 0;
        int start = 0;
        while (start < content.length()) {
            int end = content.indexOf('\n', start);
            int next = end < 0 ? content.length() : end + 1;
            if (end < 0) {
                end = content.length();
            }
            number++;
            int contentEnd = end > start && content.charAt(end - 1) == '\r' ? end - 1 : end;
            if (!dropped.test(number)) {
                lines.add(new ConfigLine(number, content.substring(start, contentEnd)));
            }
            start = next;
        }
        return new ConfigText(file, lines);
    }

    /** The number of physical lines {@link #of} makes of {@code content}. */
    static int lineCount(String content) {
        if (content.isEmpty()) {
            return 0;
        }
        int count = (int) content.chars().filter(c -> c == '\n').count();
        return content.endsWith("\n") ? count : count + 1;
    }

    /** Every problem names the file and a line that exists (0 for the file as a whole). */
    static void assertProblemsWithin(Path file, int lineCount, Problems problems) {
        assertAll(problems.list().stream().map(p -> () -> {
            assertEquals(file, p.file(), p::format);
            assertTrue(p.line() >= 0 && p.line() <= lineCount, () -> "line out of range 0.." + lineCount + ": " + p.format());
        }));
    }
}
