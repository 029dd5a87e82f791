package org.jheartbeat.core.config;

import java.nio.file.Path;

/**
 * Adds ha.cf problems to the shared {@link Problems}, with two limits so that hostile input
 * cannot turn into millions of messages: a few per line and a thousand per file. Real files
 * stay far below both.
 */
final class HaCfReporter {

    static final int MAX_PER_LINE = 20;
    static final int MAX_PER_FILE = 1000;
    private static final int MAX_SHOWN_CHARS = 80;

    private final Path file;
    private final Problems problems;
    private int inFile;
    private int currentLine = -1;
    private int inLine;

    HaCfReporter(Path file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    void error(int line, String message) {
        add(Severity.ERROR, line, message);
    }

    void warning(int line, String message) {
        add(Severity.WARNING, line, message);
    }

    private void add(Severity severity, int line, String message) {
        if (line != currentLine) {
            currentLine = line;
            inLine = 0;
        }
        inLine++;
        if (line > 0 && inLine > MAX_PER_LINE) {
            if (inLine == MAX_PER_LINE + 1) {
                emit(Severity.ERROR, line, "more than " + MAX_PER_LINE
                        + " problems on this line; the rest are not shown");
            }
            return;
        }
        emit(severity, line, message);
    }

    private void emit(Severity severity, int line, String message) {
        if (inFile < MAX_PER_FILE) {
            problems.add(new Problem(severity, file, line, message));
        } else if (inFile == MAX_PER_FILE) {
            problems.error(file, line, "more than " + MAX_PER_FILE + " problems in this file; the rest are not shown");
        } else {
            return;
        }
        inFile++;
    }

    /**
     * A value from the file as it may appear inside a message: control characters replaced by
     * {@code ?} and long values cut, so that a message stays one readable line.
     */
    static String shown(String value) {
        boolean cut = value.length() > MAX_SHOWN_CHARS;
        String head = cut ? value.substring(0, MAX_SHOWN_CHARS) : value;
        StringBuilder sb = new StringBuilder(head.length() + 24);
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (cut) {
            sb.append("...(").append(value.length()).append(" characters)");
        }
        return sb.toString();
    }
}
