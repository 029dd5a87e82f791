package org.jheartbeat.cli;

/** The {@code hb_standby} command. */
public final class HbStandbyCommand {

    private HbStandbyCommand() {
    }

    public static void main(String[] args) {
        NotYetAvailable.exit("hb_standby", "needs the resource manager");
    }
}
