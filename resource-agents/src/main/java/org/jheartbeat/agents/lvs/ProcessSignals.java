package org.jheartbeat.agents.lvs;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * Signals to another ldirectord process: TERM through {@link ProcessHandle}, HUP (reload) with
 * the C library's {@code kill}, which the JDK does not offer.
 */
public final class ProcessSignals {

    private static final int SIGHUP = 1;
    private static final MethodHandle KILL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("kill").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    private ProcessSignals() {
    }

    public static boolean terminate(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::destroy).orElse(false);
    }

    public static boolean hangUp(long pid) {
        try {
            return (int) KILL.invokeExact((int) pid, SIGHUP) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException("kill(2) failed", e);
        }
    }
}
