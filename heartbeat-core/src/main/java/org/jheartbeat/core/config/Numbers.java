package org.jheartbeat.core.config;

import java.util.OptionalInt;

/**
 * Integer values. Heartbeat reads them with {@code atoi}, which turns {@code 69x} into 69 and
 * {@code abc} into 0; here only a plain decimal number (optionally signed) is a number, so a
 * typing mistake is reported instead of silently becoming some other value.
 */
final class Numbers {

    private Numbers() {
    }

    static OptionalInt parseInt(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        int digits = text.length() - start;
        if (digits < 1 || digits > 9) {
            return OptionalInt.empty();
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.of(Integer.parseInt(text));
    }

    /** The value when it is a number within [min, max]. */
    static OptionalInt parseInRange(String text, int min, int max) {
        OptionalInt n = parseInt(text);
        return n.isPresent() && n.getAsInt() >= min && n.getAsInt() <= max ? n : OptionalInt.empty();
    }
}
