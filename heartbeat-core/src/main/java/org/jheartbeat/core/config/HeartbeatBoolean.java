package org.jheartbeat.core.config;

import java.util.Optional;

/**
 * Heartbeat's boolean words ({@code cl_str_to_boolean}), compared without regard to ASCII case:
 * true = true, on, yes, y, 1; false = false, off, no, n, 0. Anything else is invalid.
 */
final class HeartbeatBoolean {

    static final String EXPECTED = "expected on/off, yes/no, true/false, y/n or 1/0";

    private HeartbeatBoolean() {
    }

    static Optional<Boolean> parse(String word) {
        return switch (Ascii.lower(word)) {
            case "true", "on", "yes", "y", "1" -> Optional.of(true);
            case "false", "off", "no", "n", "0" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
