package org.jheartbeat.core.config;

import java.nio.file.Path;

/**
 * Reports the problems of one file into a shared {@link Problems}, listing at most
 * {@link #LIMIT} of them: a hostile multi-megabyte file must not fill memory with messages,
 * and nobody reads the thousandth one. What is left out is counted in one closing problem,
 * which is an error if any left-out problem was, so validity never depends on the cut.
 */
final class FileProblems {

    static final int LIMIT = 1000;

    private final Problems problems;
    private final Path file;
    private int listed;
    private int leftOut;
    private boolean leftOutError;

    FileProblems(Problems problems, Path file) {
        this.problems = problems;
        this.file = file;
    }

    Path file() {
        return file;
    }

    void error(int line, String message) {
        if (listed < LIMIT) {
            listed++;
            problems.error(file, line, message);
        } else {
            leftOut++;
            leftOutError = true;
        }
    }

    void warning(int line, String message) {
        if (listed < LIMIT) {
            listed++;
            problems.warning(file, line, message);
        } else {
            leftOut++;
        }
    }

    /**
     * Text from the file as it appears inside a message: quoted, and cut to a readable length
     * so that a 64 KiB token does not become a 64 KiB message.
     */
    static String quoted(String text) {
        final int max = 80;
        return "'" + (text.length() <= max ? text : text.substring(0, max) + "...") + "'";
    }

    /** Adds the note about problems left out, if any. Call once, after the file is parsed. */
    void finish() {
        if (leftOut == 0) {
            return;
        }
        String message = leftOut + " more problems in this file are not listed (only the first "
                + LIMIT + " are)";
        if (leftOutError) {
            problems.error(file, 0, message);
        } else {
            problems.warning(file, 0, message);
        }
    }
}
