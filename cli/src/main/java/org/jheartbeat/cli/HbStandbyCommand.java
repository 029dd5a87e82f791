package org.jheartbeat.cli;

/** The {@code hb_standby [all|foreign|local|failback]} command: this node gives up resources to its peer. */
public final class HbStandbyCommand {

    private HbStandbyCommand() {
    }

    public static void main(String[] args) {
        StandbyRequestCommand.main(StandbyRequestCommand.Kind.STANDBY, args);
    }
}
