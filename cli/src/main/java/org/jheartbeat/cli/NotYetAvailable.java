package org.jheartbeat.cli;

/** Entry point shared by the commands whose feature has not landed yet: says so, exits 3. */
final class NotYetAvailable {

    /** LSB "unimplemented feature". */
    static final int EXIT_UNIMPLEMENTED = 3;

    private NotYetAvailable() {
    }

    static void exit(String program, String feature) {
        System.err.println(program + ": not available yet (" + feature + ")");
        System.exit(EXIT_UNIMPLEMENTED);
    }
}
