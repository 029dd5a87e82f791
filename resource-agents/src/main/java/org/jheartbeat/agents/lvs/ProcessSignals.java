package org.jheartbeat.agents.lvs;

import org.jheartbeat.agents.kernel.ErrnoException;
import org.jheartbeat.agents.kernel.Libc;

/**
 * Signals to another ldirectord process: TERM through {@link ProcessHandle}, HUP (reload)
 * through the C library's {@code kill}, which the JDK does not offer.
 */
public final class ProcessSignals {

    private static final int SIGHUP = 1;

    private ProcessSignals() {
    }

    public static boolean terminate(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::destroy).orElse(false);
    }

    /** False when there is no such process (or it is not ours to signal). */
    public static boolean hangUp(long pid) {
        try {
            Libc.kill(Math.toIntExact(pid), SIGHUP);
            return true;
        } catch (ErrnoException e) {
            return false;
        }
    }
}
