package org.jheartbeat.cli;

/** The {@code cl_status} command. */
public final class ClStatusCommand {

    private ClStatusCommand() {
    }

    public static void main(String[] args) {
        NotYetAvailable.exit("cl_status", "needs the resource manager and control socket");
    }
}
