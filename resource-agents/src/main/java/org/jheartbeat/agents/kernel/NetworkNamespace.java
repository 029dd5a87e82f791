package org.jheartbeat.agents.kernel;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs code inside a named network namespace ({@code /run/netns/NAME}, as {@code ip netns}
 * creates them). Namespace membership is per thread, so the work runs on one dedicated platform
 * thread that joins the namespace with {@code setns(2)}; sockets opened there stay in the
 * namespace whichever thread uses them later.
 *
 * <p>The thread joins the namespace only while a task runs and returns to its original
 * namespace before the task's result is handed over. Handing over a result can wake a virtual
 * thread, and waking one can make the JVM start a new carrier thread from this one; a thread
 * started from inside the namespace would stay there, and every virtual thread it later carried
 * would open its sockets in the wrong namespace.
 */
public final class NetworkNamespace implements AutoCloseable {

    private static final String NETNS_DIR = "/run/netns/";
    private static final String OWN_NAMESPACE = "/proc/thread-self/ns/net";

    private final String name;
    private final ExecutorService thread;
    private final int namespaceFd;
    private final int originalFd;

    private NetworkNamespace(String name, ExecutorService thread, int namespaceFd, int originalFd) {
        this.name = name;
        this.thread = thread;
        this.namespaceFd = namespaceFd;
        this.originalFd = originalFd;
    }

    /**
     * Starts a thread inside namespace {@code name}.
     *
     * @throws ErrnoException when the namespace does not exist or cannot be joined (needs CAP_SYS_ADMIN)
     */
    public static NetworkNamespace enter(String name) throws ErrnoException, InterruptedException {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a network namespace name: " + name);
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform()
                .name("netns-" + name).daemon().unstarted(r));
        int namespaceFd = Libc.open(NETNS_DIR + name, Libc.O_RDONLY | Libc.O_CLOEXEC);
        int originalFd = -1;
        try {
            originalFd = Libc.open(OWN_NAMESPACE, Libc.O_RDONLY | Libc.O_CLOEXEC);
            NetworkNamespace namespace = new NetworkNamespace(name, thread, namespaceFd, originalFd);
            namespace.call(() -> null); // fails here, not later, when the namespace cannot be joined
            return namespace;
        } catch (ErrnoException | InterruptedException | RuntimeException e) {
            closeAll(thread, namespaceFd, originalFd);
            throw e;
        } catch (Exception e) {
            closeAll(thread, namespaceFd, originalFd);
            throw new IllegalStateException(e);
        }
    }

    public String name() {
        return name;
    }

    /** Runs {@code task} on the namespace's thread and returns its result, rethrowing its exception. */
    public <T> T call(Callable<T> task) throws Exception {
        Future<T> result = thread.submit(() -> {
            Libc.setns(namespaceFd, Libc.CLONE_NEWNET);
            try {
                return task.call();
            } finally {
                Libc.setns(originalFd, Libc.CLONE_NEWNET);
            }
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (InterruptedException e) {
            result.cancel(true);
            throw e;
        }
    }

    @Override
    public void close() {
        closeAll(thread, namespaceFd, originalFd);
    }

    private static void closeAll(ExecutorService thread, int namespaceFd, int originalFd) {
        thread.shutdownNow();
        for (int fd : new int[] {namespaceFd, originalFd}) {
            if (fd >= 0) {
                try {
                    Libc.close(fd);
                } catch (ErrnoException e) {
                    // nothing left to do with a descriptor that will not close
                }
            }
        }
    }
}
