package org.jheartbeat.agents.lvs.config;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value shapes of ldirectord.cf directives and their quirks: yes/no compared literally (so
 * trailing blanks are wrong), numbers and words found by pattern (trailing blanks tolerated),
 * quoted strings that must be quoted.
 */
final class DirectiveValues {

    private static final Pattern NUMBER = Pattern.compile("\\s*([0-9]+)\\s*");
    private static final Pattern QUOTED = Pattern.compile("\"(.*)\"(.*)");

    private DirectiveValues() {
    }

    /** {@code yes} or {@code no}, exactly. */
    static Optional<Boolean> yesNo(String value) {
        return switch (value) {
            case "yes" -> Optional.of(true);
            case "no" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** The error for a yes/no directive, explaining the usual cause when the word is right. */
    static String yesNoError(String name, String value) {
        String message = name + " must be 'yes' or 'no'";
        String stripped = value.strip();
        if (stripped.equals("yes") || stripped.equals("no")) {
            return message + " (the value is \"" + value + "\": blanks after it count, as does the"
                    + " space before a trailing comment)";
        }
        if (value.contains("#")) {
            return message + " (the value is \"" + value + "\": a comment on a global line is part of the value)";
        }
        return message;
    }

    /** A non-negative integer that fits an int, blanks around it tolerated. */
    static OptionalInt number(String value) {
        Matcher m = NUMBER.matcher(value);
        if (!m.matches() || m.group(1).length() > 9) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(m.group(1)));
    }

    /** A number of at least {@code min}. */
    static OptionalInt atLeast(String value, int min) {
        OptionalInt n = number(value);
        return n.isPresent() && n.getAsInt() >= min ? n : OptionalInt.empty();
    }

    /** The text between the first and the last double quote, if the value starts with one. */
    static Optional<Quoted> quoted(String value) {
        Matcher m = QUOTED.matcher(value.stripLeading());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Quoted(m.group(1), m.group(2)));
    }

    /** A quoted value and whatever followed the closing quote (ldirectord ignores it). */
    record Quoted(String text, String after) {
        boolean hasTrailingText() {
            return !after.isBlank();
        }
    }

    /**
     * A value ldirectord only accepts in double quotes; unquoted it is an unknown command there,
     * here an error that says what is missing.
     */
    static Optional<String> requireQuoted(String name, String value, Where where) {
        Optional<Quoted> q = quoted(value);
        if (q.isEmpty()) {
            where.error("Unknown command " + name + "=" + value + " (the value of " + name
                    + " must be in double quotes)");
            return Optional.empty();
        }
        if (q.get().hasTrailingText()) {
            where.warning("text after the closing quote of " + name + " is ignored: " + q.get().after().strip());
        }
        return Optional.of(q.get().text());
    }

    /** Quoted or bare: the quotes are removed when both are there. */
    static String optionallyQuoted(String value) {
        String v = value.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** ldirectord puts a {@code /} in front of a request that lacks one. */
    static String withLeadingSlash(String request) {
        return request.startsWith("/") ? request : "/" + request;
    }
}
