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
 * Moves the calling thread to SCHED_FIFO, as Heartbeat runs its whole daemon (ha.cf
 * {@code realtime}, default on, priority midway = 50): sending status packets and noticing
 * silence must not wait behind busy processes, or a loaded node looks dead at short dead
 * times. Only the few threads that do that work are raised (the membership timer and the
 * packet receivers); they block almost all the time. The rest of the JVM (garbage collector,
 * safepoints, which those threads wait for) gets a higher nice priority instead, so it is not
 * starved by busy processes either without being able to starve them. Needs root (or
 * RLIMIT_RTPRIO / RLIMIT_NICE); without it threads keep normal scheduling. Linux only; a tiny
 * Foreign Function binding because the JDK has no way to set a scheduling policy.
 */
final class RealtimeScheduling {

    static final int PRIORITY = 50;
    static final int NICE = -10;
    private static final int PRIO_PROCESS = 0;
    private static final int SCHED_FIFO = 1;
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeScheduling.class);
    private static final MethodHandle SCHED_SETSCHEDULER = handle("sched_setscheduler",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle SETPRIORITY = handle("setpriority",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static volatile boolean warned;

    private RealtimeScheduling() {
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup().find(name).map(f -> linker.downcallHandle(f, descriptor)).orElse(null);
    }

    /**
     * Gives every thread of this process nice {@value #NICE}; threads started later inherit it
     * from the thread that starts them. False when not permitted.
     */
    static boolean raiseProcessNice() {
        if (SETPRIORITY == null) {
            return false;
        }
        boolean all = true;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                // on Linux PRIO_PROCESS with a thread id sets that one thread's nice value
                all &= (int) SETPRIORITY.invokeExact(PRIO_PROCESS, Integer.parseInt(task.getFileName().toString()),
                        NICE) == 0;
            }
        } catch (IOException e) {
            return false;
        } catch (Throwable e) {
            throw new IllegalStateException("setpriority failed", e);
        }
        return all;
    }

    /** Raises the calling thread; false (logged once) when the kernel refuses. */
    static boolean raiseCurrentThread() {
        if (SCHED_SETSCHEDULER == null) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment param = arena.allocate(ValueLayout.JAVA_INT);
            param.set(ValueLayout.JAVA_INT, 0, PRIORITY);
            int result = (int) SCHED_SETSCHEDULER.invokeExact(0, SCHED_FIFO, param);
            if (result != 0 && !warned) {
                warned = true;
                LOG.info("realtime scheduling not permitted; heartbeat threads keep normal priority");
            }
            return result == 0;
        } catch (Throwable e) {
            throw new IllegalStateException("sched_setscheduler failed", e);
        }
    }

    /** Wraps a task so that the thread running it is raised first. */
    static Runnable raised(Runnable task) {
        return () -> {
            raiseCurrentThread();
            task.run();
        };
    }
}
