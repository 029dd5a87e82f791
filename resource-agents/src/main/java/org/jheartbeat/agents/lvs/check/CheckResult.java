package org.jheartbeat.agents.lvs.check;

import java.util.Objects;

/**
 * What one check found: up or down, and the text ldirectord would write to the monitor file
 * ({@code HTTP/1.1 200 OK}, {@code Connection failed}, {@code Response mismatch}, ...).
 */
public record CheckResult(boolean up, String message) {

    public CheckResult {
        Objects.requireNonNull(message, "message");
    }

    public static CheckResult up(String message) {
        return new CheckResult(true, message);
    }

    public static CheckResult down(String message) {
        return new CheckResult(false, message);
    }
}
