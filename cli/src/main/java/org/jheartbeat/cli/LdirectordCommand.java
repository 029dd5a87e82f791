package org.jheartbeat.cli;

/** The {@code ldirectord} command. */
public final class LdirectordCommand {

    private LdirectordCommand() {
    }

    public static void main(String[] args) {
        NotYetAvailable.exit("ldirectord", "needs the ldirectord engine");
    }
}
