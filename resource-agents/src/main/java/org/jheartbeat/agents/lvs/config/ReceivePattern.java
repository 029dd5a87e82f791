package org.jheartbeat.agents.lvs.config;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code receive=} strings are Perl regular expressions searched in the answer. Java's syntax
 * covers the literal strings and simple classes people write there; a string Java cannot compile
 * is refused when the file is read rather than failing every check later.
 */
public final class ReceivePattern {

    private ReceivePattern() {
    }

    public static Optional<Pattern> compile(String receive) {
        try {
            return Optional.of(Pattern.compile(receive));
        } catch (PatternSyntaxException | StackOverflowError e) {
            return Optional.empty();
        }
    }
}
