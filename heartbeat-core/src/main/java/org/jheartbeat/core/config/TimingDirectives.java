package org.jheartbeat.core.config;

import java.util.OptionalLong;

/** keepalive, deadtime, warntime, initdead and deadping: Heartbeat time values in milliseconds. */
final class TimingDirectives {

    private TimingDirectives() {
    }

    /**
     * Applies one value; {@code previous} is the word before it on the same line, to recognise
     * {@code 500 ms} written with a space. Returns whether the value was accepted.
     */
    static boolean apply(HaCfState s, Directive d, String value, String previous, int line) {
        OptionalLong parsed = HeartbeatTime.parseMillis(value);
        if (parsed.isEmpty()) {
            s.report.error(line, invalid(d, value, previous));
            return false;
        }
        long ms = parsed.getAsLong();
        switch (d) {
            case KEEPALIVE -> {
                if (ms <= 0) {
                    s.report.error(line, "Invalid keepalive [" + value + "]: keepalive must be greater than 0");
                    return false;
                }
                s.keepalive = ms;
                s.keepaliveLine = line;
            }
            case DEADTIME -> {
                s.deadtime = ms;
                s.deadtimeLine = line;
            }
            case WARNTIME -> {
                if (ms <= 0) {
                    s.report.error(line, "Warn time [" + value + "] is invalid: warntime must be greater than 0");
                    return false;
                }
                s.warntime = ms;
            }
            case INITDEAD -> {
                s.initdead = ms;
                s.initdeadLine = line;
            }
            case DEADPING -> {
                s.deadping = ms;
                s.deadpingLine = line;
            }
            default -> throw new IllegalArgumentException(d.word());
        }
        return true;
    }

    private static String invalid(Directive d, String value, String previous) {
        String shown = HaCfReporter.shown(value);
        String message = (d == Directive.WARNTIME ? "Warn time [" + shown + "] is invalid"
                : "Invalid " + d.word() + " [" + shown + "]") + ": " + HeartbeatTime.EXPECTED;
        if (previous != null && HeartbeatTime.isBareUnit(value)
                && HeartbeatTime.parseMillis(previous).isPresent()) {
            return message + " (values are split at blanks: write " + previous
                    + (Ascii.lower(value).startsWith("s") ? "" : value) + ", not " + previous + " " + value + ")";
        }
        if (value.length() > 1 && Ascii.lower(value).endsWith("s")
                && HeartbeatTime.parseMillis(value.substring(0, value.length() - 1)).isPresent()) {
            return message + " (a plain number means seconds: write "
                    + value.substring(0, value.length() - 1) + ")";
        }
        return message;
    }
}
