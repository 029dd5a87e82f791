package org.jheartbeat.core.config;

import java.util.List;

/**
 * A {@code respawn USER /path [ARGS...]} line: a program started once communications are up
 * and restarted when it exits.
 *
 * @param command   the program's absolute path
 * @param arguments the words after the path
 */
public record RespawnClient(String user, String command, List<String> arguments, int line) {

    public RespawnClient {
        arguments = List.copyOf(arguments);
    }

    /**
     * Whether this is Heartbeat's ipfail, in any directory: jheartbeat runs its own built-in
     * ipfail instead of the program.
     */
    public boolean isIpfail() {
        return command.endsWith("/ipfail");
    }
}
