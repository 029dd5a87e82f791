package org.jheartbeat.cli;

/** The {@code hb_takeover} command. */
public final class HbTakeoverCommand {

    private HbTakeoverCommand() {
    }

    public static void main(String[] args) {
        NotYetAvailable.exit("hb_takeover", "needs the resource manager");
    }
}
