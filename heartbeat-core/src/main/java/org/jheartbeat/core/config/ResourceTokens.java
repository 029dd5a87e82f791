package org.jheartbeat.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.jheartbeat.core.config.FileProblems.quoted;

/**
 * Splits one haresources resource word into agent name and arguments, as Heartbeat's
 * ResourceManager does before it runs {@code SCRIPT ARG... ACTION}.
 */
final class ResourceTokens {

    static final String SEPARATOR = "::";
    static final String IP_SHORTHAND_AGENT = "IPaddr";

    private ResourceTokens() {
    }

    /** The resource, or empty after reporting why the word cannot be one. */
    static Optional<ResourceSpec> parse(String token, int line, FileProblems problems) {
        int separator = token.indexOf(SEPARATOR);
        if (isIpShorthand(token)) {
            if (separator >= 0) {
                problems.error(line, "resource " + quoted(token) + " starts like an IP address (the"
                        + " IPaddr shorthand) but also has '::' arguments, which Heartbeat would"
                        + " garble; write IPaddr::ADDRESS or IPaddr2::ADDRESS instead");
                return Optional.empty();
            }
            return Optional.of(new ResourceSpec(token, IP_SHORTHAND_AGENT, List.of(token), true));
        }
        String name = separator < 0 ? token : token.substring(0, separator);
        if (name.isBlank()) {
            problems.error(line, separator < 0
                    ? "resource " + quoted(token) + " is made only of invisible white space (form feed,"
                    + " vertical tab...); only spaces and tabs separate resources"
                    : "resource " + quoted(token) + " has no name before '::': expected NAME::ARGUMENT,"
                    + " for example IPaddr2::10.0.0.5/24/eth0");
            return Optional.empty();
        }
        if (separator < 0) {
            return Optional.of(new ResourceSpec(token, token, List.of(), false));
        }
        if (name.indexOf(':') >= 0) {
            problems.error(line, "resource name " + quoted(name) + " contains ':'; Heartbeat would"
                    + " pass garbled arguments to it. Arguments are separated by '::' only");
            return Optional.empty();
        }
        List<String> arguments = split(token.substring(separator + SEPARATOR.length()));
        // Heartbeat turns every '::' into a blank and passes the result unquoted, so the
        // shell's word splitting drops the empty fields.
        if (arguments.removeIf(String::isEmpty)) {
            problems.warning(line, "resource " + quoted(token) + " has an empty argument (nothing"
                    + " between two '::', or a trailing '::'); like Heartbeat, jheartbeat drops it,"
                    + " so the arguments after it move up one place");
        }
        return Optional.of(new ResourceSpec(token, name, arguments, false));
    }

    /**
     * Heartbeat's test for a bare address, the shell pattern {@code [0-9]*.[0-9]*.[0-9]*.[0-9]*}
     * on the whole word: a digit first, then three dots that are each directly followed by a
     * digit, with anything in between. So {@code 10.0.0.5/24/eth0} is shorthand, and so is
     * {@code 1x.2.3.4}; {@code 10.0.0.} is not.
     */
    static boolean isIpShorthand(String token) {
        if (token.isEmpty() || !isDigit(token.charAt(0))) {
            return false;
        }
        int from = 1;
        for (int dots = 0; dots < 3; dots++) {
            int found = -1;
            for (int i = from; i + 1 < token.length(); i++) {
                if (token.charAt(i) == '.' && isDigit(token.charAt(i + 1))) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                return false;
            }
            from = found + 2;
        }
        return true;
    }

    /** The {@code ::}-separated fields, empty ones included. */
    private static List<String> split(String text) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        int end;
        while ((end = text.indexOf(SEPARATOR, start)) >= 0) {
            fields.add(text.substring(start, end));
            start = end + SEPARATOR.length();
        }
        fields.add(text.substring(start));
        return fields;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
