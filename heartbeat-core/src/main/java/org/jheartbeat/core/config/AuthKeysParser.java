package org.jheartbeat.core.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads {@code authkeys} as Heartbeat 3.0.6 does: whole-line {@code #} comments, one
 * {@code auth N} line choosing the key that signs, and key lines {@code N METHOD [KEY]} read
 * like C's {@code sscanf("%d%s%s")} (so the key ends at the first blank and the rest of the
 * line is ignored). Error texts are Heartbeat's, with a hint appended.
 *
 * <p>No message ever shows a line of the file, a key, or a word that might be one: a line
 * that is not understood is reported by its number only.
 *
 * <p>Which key signs: Heartbeat selects a key line only when the {@code auth} line that is in
 * effect <em>when the key line is read</em> names it. jheartbeat selects the same key for every
 * file Heartbeat accepts; for a file Heartbeat refuses only because the key line comes before
 * {@code auth N}, it uses key N and warns.
 */
public final class AuthKeysParser {

    /** Heartbeat reads lines of at most this many bytes (MAXLINE). */
    public static final int MAX_LINE_BYTES = 5120;
    /** Larger files are refused unread: a key file is a few lines. */
    public static final long MAX_FILE_BYTES = 64 * 1024;

    private static final ConfigFileReader READER = new ConfigFileReader(MAX_LINE_BYTES, MAX_FILE_BYTES);

    private static final String NOT_SHOWN = "text not shown: it may contain a key";
    /** Method names that cannot be a secret worth hiding and are worth echoing back. */
    private static final Pattern ALGORITHM_LIKE =
            Pattern.compile("(?i)(hmac[-_]?)?(sha[-_]?(1|2|3|224|256|384|512)?|md[2-6]|crc(32)?)");
    private static final String METHODS = "crc, md5, sha1, sha256 or sha512";

    private AuthKeysParser() {
    }

    /** The keys and the active one, checking the grammar only; problems go to {@code problems}. */
    public static AuthKeys parse(ConfigText text, Problems problems) {
        return new Reading(new FileProblems(problems, text.file())).parse(text);
    }

    /**
     * Checks that the file is safe to take keys from (not readable or writable by group or
     * others, owned by root), then parses it. Empty when the file cannot be read, is not safe,
     * or names no usable key; the reasons are in {@code problems}.
     */
    public static Optional<AuthKeys> read(Path file, Problems problems) {
        FileProblems report = new FileProblems(problems, file);
        Optional<String> unusable = READER.whyUnusable(file);
        if (unusable.isPresent()) {
            report.error(0, "Cannot open keyfile [" + file + "].  Stop. The file " + unusable.get()
                    + "; create it with an 'auth N' line and a key line, owned by root, mode 600");
            return Optional.empty();
        }
        boolean safe = KeyFilePermissions.check(file, report);
        Optional<AuthKeys> keys = READER.read(file, problems).map(text -> parse(text, problems));
        return keys.filter(k -> safe && k.hasActiveKey());
    }

    /** One pass over one file. */
    private static final class Reading {

        private final FileProblems report;
        private final Path file;
        private final Map<Integer, AuthKey> keys = new TreeMap<>();
        private final Map<Integer, Integer> keyLines = new HashMap<>();
        /** The last auth line so far, as Heartbeat keeps it. */
        private long authNumber = -1;
        private String authNumberText;
        private int authLine;
        /** The key Heartbeat would sign with, and the auth line that chose it. */
        private int selected = AuthKeys.NO_ACTIVE_KEY;
        private int selectedByLine;

        Reading(FileProblems report) {
            this.report = report;
            this.file = report.file();
        }

        AuthKeys parse(ConfigText text) {
            for (ConfigLine line : text.lines()) {
                Cursor cursor = new Cursor(line.text());
                cursor.skipSpace();
                if (cursor.atEnd() || cursor.peek() == '#') {
                    continue;
                }
                if (cursor.peek() == 'a') {
                    authLine(cursor, line.number());
                } else {
                    keyLine(cursor, line.number());
                }
            }
            int active = chooseActiveKey();
            report.finish();
            return new AuthKeys(active, keys);
        }

        private void authLine(Cursor cursor, int line) {
            String number = cursor.literal("auth") ? cursor.integer() : null;
            if (number == null) {
                report.error(line, "Invalid auth line [" + NOT_SHOWN + "] in " + file
                        + ". Expected 'auth N', N being the number of the key line that signs messages");
                return;
            }
            if (cursor.word() != null) {
                report.warning(line, "the text after 'auth " + shown(number) + "' is ignored");
            }
            if (authLine != 0) {
                report.warning(line, "auth is given again (also on line " + authLine + "); keep one auth line,"
                        + " at the top: Heartbeat applies each one only to the key lines that follow it");
            }
            authNumber = value(number);
            authNumberText = number;
            authLine = line;
        }

        private void keyLine(Cursor cursor, int line) {
            String number = cursor.integer();
            String method = number == null ? null : cursor.word();
            if (method == null) {
                report.error(line, "Auth line [" + NOT_SHOWN + "] is invalid. Expected 'auth N' or"
                        + " 'N METHOD [KEY]', for example '1 sha256 SomeLongRandomText'");
                return;
            }
            String key = cursor.word();
            long n = value(number);
            if (n < AuthKey.MIN_NUMBER || n > AuthKey.MAX_NUMBER) {
                report.error(line, "Invalid authnum [" + shown(number) + "] in " + file
                        + ". Key numbers are " + AuthKey.MIN_NUMBER + ".." + AuthKey.MAX_NUMBER);
                return;
            }
            Optional<AuthMethod> found = AuthMethod.fromConfigName(method);
            if (found.isEmpty()) {
                report.error(line, "Invalid authtype [" + shownMethod(method) + "]. Expected " + METHODS
                        + " (lower case)");
                return;
            }
            AuthMethod authMethod = found.get();
            if (key != null && !authMethod.needsKey()) {
                report.error(line, "Auth method [" + method + "] doesn't use a key. Remove the key; better,"
                        + " use sha256 with a long random key, since crc gives no security");
                return;
            }
            if (key == null && authMethod.needsKey()) {
                report.error(line, "Auth method [" + method + "] requires a key. Write '" + n + " " + method
                        + " KEY' with a long random KEY");
                return;
            }
            if (key != null && key.indexOf('\uFFFD') >= 0) {
                report.error(line, "key " + n + " is not valid UTF-8 text, so some of its bytes cannot be"
                        + " kept; write the key in plain ASCII");
                return;
            }
            if (key != null && cursor.word() != null) {
                report.warning(line, "key " + n + " ends at the first blank: the rest of the line is ignored"
                        + " (as in Heartbeat), so the key is shorter than it looks. A key cannot contain blanks");
            }
            if (authMethod == AuthMethod.CRC) {
                report.warning(line, "Auth method crc gives NO security: anyone who can send packets to the"
                        + " cluster can forge messages (a CRC is a checksum, not a signature). Use sha256 with"
                        + " a long random key");
            }
            int k = (int) n;
            Integer earlier = keyLines.put(k, line);
            if (earlier != null) {
                report.warning(line, "key " + k + " is defined again (first on line " + earlier
                        + "); this later line replaces the earlier one, as in Heartbeat");
            }
            keys.put(k, new AuthKey(k, authMethod, key == null ? "" : key));
            if (authLine != 0 && authNumber == k) {
                selected = k;
                selectedByLine = authLine;
            }
        }

        private int chooseActiveKey() {
            if (authLine == 0) {
                report.error(0, "Missing auth directive in keyfile [" + file + "]. Add a line 'auth N'"
                        + " above the key lines, N being the number of the key that signs messages");
                return AuthKeys.NO_ACTIVE_KEY;
            }
            if (selected != AuthKeys.NO_ACTIVE_KEY) {
                if (selectedByLine != authLine) {
                    report.warning(authLine, "no key line follows 'auth " + shown(authNumberText)
                            + "', so key " + selected + " (chosen by the auth line on line " + selectedByLine
                            + ") stays in use, as in Heartbeat");
                }
                return selected;
            }
            Integer keyLine = authNumber >= AuthKey.MIN_NUMBER && authNumber <= AuthKey.MAX_NUMBER
                    ? keyLines.get((int) authNumber) : null;
            if (keyLine != null) {
                report.warning(authLine, "key " + authNumber + " is defined on line " + keyLine
                        + ", before this auth line. Heartbeat only uses a key line that follows the auth line"
                        + " and would refuse this file (Auth Key [" + authNumber + "] not found);"
                        + " move 'auth " + authNumber + "' above the key lines");
                return (int) authNumber;
            }
            report.error(authLine, "Auth Key [" + shown(authNumberText) + "] not found in keyfile [" + file + "]. "
                    + (keys.isEmpty() ? "There is no valid key line"
                    : "The valid key lines have numbers " + keys.keySet())
                    + (authNumber < AuthKey.MIN_NUMBER || authNumber > AuthKey.MAX_NUMBER
                    ? "; key numbers are " + AuthKey.MIN_NUMBER + ".." + AuthKey.MAX_NUMBER : ""));
            return AuthKeys.NO_ACTIVE_KEY;
        }
    }

    /** The number as a value, saturated far outside the key range when it is too long for a long. */
    private static long value(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException tooLong) {
            return number.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** A number as Heartbeat prints it (its value), or as written, cut short, when it is huge. */
    private static String shown(String number) {
        try {
            return Long.toString(Long.parseLong(number));
        } catch (NumberFormatException tooLong) {
            return number.length() <= 20 ? number : number.substring(0, 20) + "...";
        }
    }

    /** An unknown method is shown only when it looks like an algorithm name, not like a key. */
    private static String shownMethod(String method) {
        return ALGORITHM_LIKE.matcher(method).matches() ? method : NOT_SHOWN;
    }

    /** Reads a line the way C's sscanf does with %d and %s. */
    private static final class Cursor {

        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        char peek() {
            return text.charAt(position);
        }

        /** Skips white space as C's isspace() knows it. */
        void skipSpace() {
            while (!atEnd() && isSpace(peek())) {
                position++;
            }
        }

        /** Consumes {@code word} if the text continues with it. */
        boolean literal(String word) {
            if (text.startsWith(word, position)) {
                position += word.length();
                return true;
            }
            return false;
        }

        /** %d: blanks, an optional sign, at least one digit; the text as written, or null. */
        String integer() {
            skipSpace();
            int start = position;
            int digits = start < text.length() && (text.charAt(start) == '+' || text.charAt(start) == '-')
                    ? start + 1 : start;
            int end = digits;
            while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
                end++;
            }
            if (end == digits) {
                return null;
            }
            position = end;
            String number = text.substring(start, end);
            return number.startsWith("+") ? number.substring(1) : number;
        }

        /** %s: blanks, then everything up to the next blank; null at the end of the line. */
        String word() {
            skipSpace();
            int start = position;
            while (!atEnd() && !isSpace(peek())) {
                position++;
            }
            return position > start ? text.substring(start, position) : null;
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
        }
    }
}
