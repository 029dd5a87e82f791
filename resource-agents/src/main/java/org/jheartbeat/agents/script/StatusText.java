package org.jheartbeat.agents.script;

import java.util.regex.Pattern;

/**
 * How Heartbeat's ResourceManager reads a script's {@code status} output (heartbeat-config
 * §5.2): only stdout counts, the exit code does not. Its shell patterns, in order:
 * {@code *[Nn][Oo][Tt] *[Rr]unning*} means not running ("not", a space, then anything, then
 * "running"); otherwise {@code *[Rr]unning*} or {@code *OK*} means running; anything else,
 * empty output included, means not running.
 */
final class StatusText {

    private static final Pattern NOT_RUNNING = Pattern.compile("[Nn][Oo][Tt] .*[Rr]unning", Pattern.DOTALL);
    private static final Pattern RUNNING = Pattern.compile("[Rr]unning|OK");

    private StatusText() {
    }

    static boolean saysRunning(String stdout) {
        if (NOT_RUNNING.matcher(stdout).find()) {
            return false;
        }
        return RUNNING.matcher(stdout).find();
    }
}
