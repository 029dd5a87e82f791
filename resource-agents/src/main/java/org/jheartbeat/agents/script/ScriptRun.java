package org.jheartbeat.agents.script;

/**
 * What one script call did.
 *
 * @param exitCode the exit status, meaningless unless {@link #completed()}
 * @param outcome  whether the script ran to its end, was killed at its timeout, was killed
 *                 because the caller was interrupted, or could not be started at all
 * @param problem  why it did not complete, empty when it did
 */
record ScriptRun(Outcome outcome, int exitCode, String stdout, String stderr, String problem) {

    enum Outcome { COMPLETED, TIMED_OUT, INTERRUPTED, NOT_STARTED }

    boolean completed() {
        return outcome == Outcome.COMPLETED;
    }
}
