package org.jheartbeat.agents.kernel;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs code inside a named network namespace ({@code /run/netns/NAME}, as {@code ip netns}
 * creates them). Namespace membership is per thread, so the work runs on one dedicated platform
 * thread that has joined the namespace with {@code setns(2)}; sockets opened there stay in the
 * namespace whichever thread uses them later.
 */
public final class NetworkNamespace implements AutoCloseable {

    private static final String NETNS_DIR = "/run/netns/";

    private final String name;
    private final ExecutorService thread;

    private NetworkNamespace(String name, ExecutorService thread) {
        this.name = name;
        this.thread = thread;
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
        NetworkNamespace namespace = new NetworkNamespace(name, thread);
        try {
            namespace.call(() -> {
                int fd = Libc.open(NETNS_DIR + name, Libc.O_RDONLY | Libc.O_CLOEXEC);
                try {
                    Libc.setns(fd, Libc.CLONE_NEWNET);
                } finally {
                    Libc.close(fd);
                }
                return null;
            });
        } catch (ErrnoException | InterruptedException | RuntimeException e) {
            thread.shutdownNow();
            throw e;
        } catch (Exception e) {
            thread.shutdownNow();
            throw new IllegalStateException(e);
        }
        return namespace;
    }

    public String name() {
        return name;
    }

    /** Runs {@code task} on the namespace's thread and returns its result, rethrowing its exception. */
    public <T> T call(Callable<T> task) throws Exception {
        Future<T> result = thread.submit(task);
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
        thread.shutdownNow();
    }
}
