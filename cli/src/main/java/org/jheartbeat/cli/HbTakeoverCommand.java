package org.jheartbeat.cli;

/** The {@code hb_takeover [all|foreign|local|failback]} command: the peer gives resources up to this node. */
public final class HbTakeoverCommand {

    private HbTakeoverCommand() {
    }

    public static void main(String[] args) {
        StandbyRequestCommand.main(StandbyRequestCommand.Kind.TAKEOVER, args);
    }
}
