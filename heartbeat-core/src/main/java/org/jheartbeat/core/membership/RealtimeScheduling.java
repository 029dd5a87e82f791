package org.jheartbeat.core.membership;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Realtime scheduling and memory locking, as Heartbeat runs its whole daemon (ha.cf
 * {@code realtime}, default on: SCHED_FIFO priority midway = 50, mlockall): sending status
 * packets and noticing silence must not wait behind busy processes, or a loaded node looks dead
 * at short dead times. Only the threads that do that work are raised (the status sender, the
 * dead-time scan and the packet receivers, which block almost all the time; they also fire a
 * takeover made ready ahead), the JVM's stop-the-world thread, which they all wait for during a
 * garbage collection, and a hand-over's release when its stop only asks the kernel (the manager
 * decides; clients are without service from the address's removal to the peer's takeover). The
 * rest of the JVM (resource work, logging, the JIT compiler)
 * keeps normal priority, as Heartbeat runs its resource scripts: during a hand-off it then
 * shares the processors fairly with the services the node runs instead of delaying them (with
 * the rest at nice -10, a service's answers on the VIP came several milliseconds later while
 * both daemons worked on a switch-over). Needs root (or RLIMIT_RTPRIO / RLIMIT_MEMLOCK); without
 * it threads keep normal scheduling. Linux only; a tiny Foreign Function binding because the
 * JDK has no way to set a scheduling policy.
 */
public final class RealtimeScheduling {

    static final int PRIORITY = 50;
    /** HotSpot's name for the thread that runs safepoint operations and the Serial collector. */
    static final String VM_THREAD = "VM Thread";
    private static final int SCHED_FIFO = 1;
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeScheduling.class);
    private static final MethodHandle SCHED_SETSCHEDULER = handle("sched_setscheduler",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final int MCL_CURRENT = 1;
    private static final int MCL_FUTURE = 2;
    private static final int MCL_ONFAULT = 4;
    private static final MethodHandle MLOCKALL = handle("mlockall",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static volatile boolean warned;

    private RealtimeScheduling() {
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup().find(name).map(f -> linker.downcallHandle(f, descriptor)).orElse(null);
    }

    /**
     * Keeps every page this process has touched, and will touch, in memory, as Heartbeat does:
     * a realtime thread that takes a major fault (its code or data evicted under memory pressure)
     * waits for the disk. Pages are locked as they are first touched (MCL_ONFAULT), so the
     * JVM's large reserved but unused ranges do not become resident. False when not permitted
     * (needs root or a large enough RLIMIT_MEMLOCK).
     */
    static boolean lockMemory() {
        if (MLOCKALL == null) {
            return false;
        }
        try {
            return (int) MLOCKALL.invokeExact(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException("mlockall failed", e);
        }
    }

    /**
     * Raises the JVM's own thread named {@value #VM_THREAD}: it runs every stop-the-world
     * operation, the Serial collector's young collections included, while all Java threads
     * (the realtime ones too) wait. Left at normal priority, a collection that takes 1 ms on an
     * idle machine was measured taking 56 ms under load (preempted by busy processes), long
     * enough for a peer to declare this node dead at a 50 ms dead time. The collector works
     * for a bounded time on a small young generation, so it cannot starve the machine.
     * False when the thread is not found or the kernel refuses.
     */
    static boolean raiseJvmStopTheWorldThread() {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String name;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                if (name.equals(VM_THREAD)) {
                    return raise(Integer.parseInt(task.getFileName().toString()), PRIORITY);
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Raises the calling thread; false (logged once) when the kernel refuses. */
    static boolean raiseCurrentThread() {
        return raise(0, PRIORITY);
    }

    /**
     * Moves the calling (platform) thread to SCHED_FIFO at {@code priority} (1-99), for threads
     * that must run ahead of the daemon's own (the comparison's client); false when refused.
     */
    public static boolean raiseCurrentThread(int priority) {
        return raise(0, priority);
    }

    /** Moves thread {@code tid} (0: the calling one) to SCHED_FIFO at {@code priority}. */
    private static boolean raise(int tid, int priority) {
        if (SCHED_SETSCHEDULER == null) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment param = arena.allocate(ValueLayout.JAVA_INT);
            param.set(ValueLayout.JAVA_INT, 0, priority);
            int result = (int) SCHED_SETSCHEDULER.invokeExact(tid, SCHED_FIFO, param);
            if (result != 0 && !warned) {
                warned = true;
                LOG.info("realtime scheduling not permitted; heartbeat threads keep normal priority");
            }
            return result == 0;
        } catch (Throwable e) {
            throw new IllegalStateException("sched_setscheduler failed", e);
        }
    }

    /** Wraps a task so that the (platform) thread running it is raised first. */
    public static Runnable raised(Runnable task) {
        return () -> {
            raiseCurrentThread();
            task.run();
        };
    }
}
