package org.jheartbeat.cli;

/** The {@code heartbeat} command. */
public final class HeartbeatCommand {

    private HeartbeatCommand() {
    }

    public static void main(String[] args) {
        NotYetAvailable.exit("heartbeat", "the daemon");
    }
}
