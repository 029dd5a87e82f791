package org.jheartbeat.core.control;

import java.util.List;
import java.util.Optional;

/**
 * One request line of the control protocol: a verb and up to {@link #MAX_WORDS} - 1 arguments,
 * separated by single spaces, printable ASCII only, at most {@link #MAX_LENGTH} bytes. Anything
 * else is not a request (a confused or hostile client), and is answered with an error.
 *
 * <p>Verbs: {@code status} (the membership table as text, for {@code heartbeat --status}),
 * {@code cluster} (what cl_status shows: version, resources, nodes and links),
 * {@code parameter NAME}, {@code client NODE CLIENT TIMEOUT_MS}, {@code standby ARG},
 * {@code takeover ARG}.
 */
public record ControlRequest(String verb, List<String> args) {

    /** Longer lines are cut off and refused: no legitimate request comes close. */
    public static final int MAX_LENGTH = 512;
    static final int MAX_WORDS = 4;

    public ControlRequest {
        args = List.copyOf(args);
    }

    public static ControlRequest of(String verb, String... args) {
        return new ControlRequest(verb, List.of(args));
    }

    /** The request as sent on the wire, newline included. */
    public String line() {
        return args.isEmpty() ? verb + "\n" : verb + " " + String.join(" ", args) + "\n";
    }

    public String arg(int i) {
        return args.get(i);
    }

    /** Parses a line (without its newline), or empty when it is not a well-formed request. */
    public static Optional<ControlRequest> parse(String line) {
        if (line.isEmpty() || line.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c <= ' ' && c != ' ' || c > '~') {
                return Optional.empty();
            }
        }
        String[] words = line.split(" ", -1);
        if (words.length > MAX_WORDS) {
            return Optional.empty();
        }
        for (String word : words) {
            if (word.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new ControlRequest(words[0], List.of(words).subList(1, words.length)));
    }
}
