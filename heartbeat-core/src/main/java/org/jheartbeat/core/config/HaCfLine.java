package org.jheartbeat.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One ha.cf line split the way Heartbeat's parse_config does: leading white space skipped,
 * everything from the first {@code #} dropped, the line cut at the first CR or LF, the first
 * word taken as the directive name, and the delimiters after it skipped.
 *
 * @param name the directive name as written
 * @param rest the text after the name and the delimiters that follow it (may end in blanks)
 */
record HaCfLine(int number, String name, String rest) {

    /** Heartbeat's WHITESPACE: what separates a directive name from its values. */
    static final String WHITESPACE = " \t\n\r\f";
    /** Heartbeat's DELIMS: what separates the values of an option-list directive. */
    static final String DELIMS = ", \t\n\r\f";

    /** The directive on this line, or empty for a blank or comment line. */
    static Optional<HaCfLine> of(ConfigLine line) {
        String text = line.text();
        int start = skip(text, 0, WHITESPACE);
        int end = text.length();
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '#' || c == '\r' || c == '\n') {
                end = i;
                break;
            }
        }
        if (start >= end) {
            return Optional.empty();
        }
        String content = text.substring(start, end);
        int nameEnd = until(content, 0, WHITESPACE);
        int restStart = skip(content, nameEnd, DELIMS);
        return Optional.of(new HaCfLine(line.number(), content.substring(0, nameEnd), content.substring(restStart)));
    }

    /** The words of {@code text} separated by any of {@code separators}, empty words dropped. */
    static List<String> words(String text, String separators) {
        List<String> words = new ArrayList<>();
        int i = skip(text, 0, separators);
        while (i < text.length()) {
            int end = until(text, i, separators);
            words.add(text.substring(i, end));
            i = skip(text, end, separators);
        }
        return words;
    }

    static int skip(String s, int from, String chars) {
        int i = from;
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    static int until(String s, int from, String chars) {
        int i = from;
        while (i < s.length() && chars.indexOf(s.charAt(i)) < 0) {
            i++;
        }
        return i;
    }
}
