package org.jheartbeat.core.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Joins the physical lines of a haresources file into logical lines the way Heartbeat's
 * ResourceManager does (a {@code sed} script): first the comment is cut from the first
 * {@code #} of a line, then, while the text ends with a backslash, the backslash and the
 * newline are removed and the next physical line is appended <em>as it is</em>.
 *
 * <p>Two consequences are reproduced on purpose, and reported:
 * <ul>
 *   <li>Only a backslash that is the very last character continues the line. {@code \ }
 *       followed by blanks does not; the next line becomes a group of its own, whose first word
 *       (a resource) is then taken for a node name.</li>
 *   <li>Comments are removed before joining, so a {@code #} on a continued line is not a
 *       comment for Heartbeat: it would run {@code #} and the following words as resources.
 *       That is an error here.</li>
 * </ul>
 */
final class HaResourcesLines {

    /** One word of a logical line and the physical line it starts on. */
    record Word(String text, int line) {
    }

    /** Physical lines joined by continuations; knows which physical line each character came from. */
    static final class LogicalLine {

        private final int firstLine;
        private final String text;
        private final int[] segmentStarts;
        private final int[] segmentLines;

        private LogicalLine(int firstLine, String text, int[] segmentStarts, int[] segmentLines) {
            this.firstLine = firstLine;
            this.text = text;
            this.segmentStarts = segmentStarts;
            this.segmentLines = segmentLines;
        }

        int firstLine() {
            return firstLine;
        }

        /** The words, split at runs of spaces and tabs (the only separators Heartbeat uses). */
        List<Word> words() {
            List<Word> words = new ArrayList<>();
            int i = 0;
            int n = text.length();
            while (i < n) {
                while (i < n && isBlank(text.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && !isBlank(text.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    words.add(new Word(text.substring(start, i), lineAt(start)));
                }
            }
            return words;
        }

        private int lineAt(int offset) {
            int low = 0;
            int high = segmentStarts.length - 1;
            while (low < high) {
                int mid = (low + high + 1) >>> 1;
                if (segmentStarts[mid] <= offset) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            return segmentLines[low];
        }
    }

    /** The text a physical line contributes, and whether it continues onto the next line. */
    private record Segment(String text, boolean continues) {
    }

    private HaResourcesLines() {
    }

    /**
     * Hands each logical line that contains at least one word to {@code sink}, in file order,
     * as soon as it is complete (so problems are reported in line order).
     */
    static void join(ConfigText file, FileProblems problems, Consumer<LogicalLine> sink) {
        List<ConfigLine> lines = file.lines();
        int i = 0;
        while (i < lines.size()) {
            ConfigLine first = lines.get(i++);
            Segment segment = firstSegment(first, problems);
            if (!segment.continues() && onlyBlanks(segment.text())) {
                continue;
            }
            StringBuilder text = new StringBuilder(segment.text());
            IntList starts = new IntList();
            IntList numbers = new IntList();
            starts.add(0);
            numbers.add(first.number());
            int last = first.number();
            boolean continues = segment.continues();
            while (continues) {
                if (i >= lines.size()) {
                    problems.error(last, "the last line ends with '\\', but no line follows to continue it");
                    break;
                }
                if (lines.get(i).number() != last + 1) {
                    // The next physical line was unreadable and has been reported already.
                    break;
                }
                ConfigLine next = lines.get(i++);
                Segment more = continuedSegment(next, problems);
                if (!text.isEmpty() && !isBlank(text.charAt(text.length() - 1))
                        && !more.text().isEmpty() && !isBlank(more.text().charAt(0))) {
                    problems.warning(next.number(), "the '\\' ending line " + last
                            + " joins that line to this one with no space between, so the last word there"
                            + " and the first word here form a single word; put a space before the '\\'"
                            + " or indent this line");
                }
                starts.add(text.length());
                numbers.add(next.number());
                text.append(more.text());
                last = next.number();
                continues = more.continues();
            }
            if (!onlyBlanks(text)) {
                sink.accept(new LogicalLine(first.number(), text.toString(), starts.toArray(), numbers.toArray()));
            }
        }
    }

    private static Segment firstSegment(ConfigLine line, FileProblems problems) {
        String raw = line.text();
        int hash = raw.indexOf('#');
        String text = hash < 0 ? raw : raw.substring(0, hash);
        if (hash >= 0 && raw.endsWith("\\")) {
            problems.warning(line.number(), "the '\\' at the end of this line is part of the comment,"
                    + " so it does not continue the line");
        }
        return segment(line, text, text.endsWith("\\"), problems);
    }

    private static Segment continuedSegment(ConfigLine line, FileProblems problems) {
        String raw = line.text();
        int hash = raw.indexOf('#');
        boolean continues = raw.endsWith("\\");
        if (hash < 0) {
            return segment(line, raw, continues, problems);
        }
        problems.error(line.number(), "'#' on a continued line does not start a comment: Heartbeat"
                + " removes comments before it joins lines, so it would run '#' and the words after"
                + " it as resources; put the comment on a line of its own");
        return new Segment(raw.substring(0, hash), continues);
    }

    private static Segment segment(ConfigLine line, String text, boolean continues, FileProblems problems) {
        if (continues) {
            return new Segment(text.substring(0, text.length() - 1), true);
        }
        if (endsWithBackslashAndBlanks(text)) {
            problems.warning(line.number(), "'\\' followed by spaces or tabs does not continue the line"
                    + " (only a '\\' that is the very last character does): the '\\' becomes a resource"
                    + " of its own, and the next line is read as a new group; remove the trailing blanks");
        }
        return new Segment(text, false);
    }

    private static boolean endsWithBackslashAndBlanks(String text) {
        int end = text.length();
        while (end > 0 && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return end < text.length() && end > 0 && text.charAt(end - 1) == '\\';
    }

    private static boolean onlyBlanks(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isBlank(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** A growable int array: the segment table of a long continued line without boxing. */
    private static final class IntList {
        private int[] values = new int[4];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
