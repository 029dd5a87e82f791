package org.jheartbeat.core.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalLong;

/**
 * Heartbeat's time values ({@code cl_get_msec}): a number of seconds ({@code 2}, {@code 0.5}),
 * milliseconds ({@code 500ms}, {@code 500msec}) or microseconds ({@code 1500us},
 * {@code 1500usec}); unit letters in any case. The result is rounded to the nearest millisecond.
 *
 * <p>Heartbeat reads the number with {@code atof} and only looks at the first letters of the
 * unit, so it also takes oddities such as {@code 1.2.3} or {@code 5msx}; those are refused here
 * as typing mistakes.
 */
final class HeartbeatTime {

    /** Larger values (about 24 days) are refused: no timer of a cluster is that long. */
    static final long MAX_MILLIS = Integer.MAX_VALUE;

    static final String EXPECTED = "expected seconds (10, 0.5) or a number with ms or us (500ms, 1500us)";

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private HeartbeatTime() {
    }

    /** The value in milliseconds, or empty when it is not a valid time. */
    static OptionalLong parseMillis(String text) {
        int numberEnd = 0;
        while (numberEnd < text.length() && isNumberChar(text.charAt(numberEnd))) {
            numberEnd++;
        }
        String number = text.substring(0, numberEnd);
        if (!isDecimal(number) || number.length() > 40) {
            return OptionalLong.empty();
        }
        BigDecimal value = new BigDecimal(number.startsWith(".") ? "0" + number : number);
        switch (Ascii.lower(text.substring(numberEnd))) {
            case "" -> value = value.multiply(THOUSAND);
            case "ms", "msec" -> { }
            case "us", "usec" -> value = value.divide(THOUSAND);
            default -> {
                return OptionalLong.empty();
            }
        }
        BigDecimal millis = value.setScale(0, RoundingMode.HALF_UP);
        if (millis.compareTo(BigDecimal.valueOf(MAX_MILLIS)) > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(millis.longValueExact());
    }

    /** Whether the word is only a unit, as in {@code 500 ms} split into two words. */
    static boolean isBareUnit(String word) {
        return switch (Ascii.lower(word)) {
            case "ms", "msec", "us", "usec", "s", "sec" -> true;
            default -> false;
        };
    }

    private static boolean isNumberChar(char c) {
        return (c >= '0' && c <= '9') || c == '.';
    }

    /** digits, digits.digits, digits. or .digits: one dot at most and at least one digit. */
    private static boolean isDecimal(String s) {
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '.') {
                dots++;
            } else {
                digits++;
            }
        }
        return dots <= 1 && digits > 0;
    }
}
