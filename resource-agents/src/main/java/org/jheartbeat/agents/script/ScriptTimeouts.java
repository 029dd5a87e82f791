package org.jheartbeat.agents.script;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a script may run before it is killed and counts as failed. Heartbeat itself waits
 * forever; a hung script would then block every hand-off, so jheartbeat bounds each call.
 */
public record ScriptTimeouts(Duration start, Duration stop, Duration status) {

    public static final ScriptTimeouts DEFAULT =
            new ScriptTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(20));

    public ScriptTimeouts {
        for (Duration d : new Duration[] {start, stop, status}) {
            Objects.requireNonNull(d, "timeout");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("a script timeout must be positive: " + d);
            }
        }
    }

    public static ScriptTimeouts all(Duration timeout) {
        return new ScriptTimeouts(timeout, timeout, timeout);
    }

    Duration of(String action) {
        return switch (action) {
            case "start" -> start;
            case "stop" -> stop;
            default -> status;
        };
    }
}
