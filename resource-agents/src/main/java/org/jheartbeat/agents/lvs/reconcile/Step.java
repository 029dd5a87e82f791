package org.jheartbeat.agents.lvs.reconcile;

/**
 * One thing the engine does, in order: a change to the kernel table, a log line that goes with
 * no change (soft failures), or a fallback command to run.
 */
public sealed interface Step permits IpvsChange, Step.Log, Step.RunCommand {

    /** A line for the log that does not depend on a kernel request succeeding. */
    record Log(String message) implements Step {
    }

    /** {@code fallbackcommand}: a shell command line such as {@code CMD start VIP:PORT tcp}. */
    record RunCommand(String commandLine) implements Step {
    }
}
