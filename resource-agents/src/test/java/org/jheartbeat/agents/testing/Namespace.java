package org.jheartbeat.agents.testing;

import org.jheartbeat.agents.kernel.NetworkNamespace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One namespace of a {@link NetnsLab}: run {@code ip} commands in it, or Java code on a thread
 * that lives in it.
 */
public record Namespace(String name, NetworkNamespace thread) {

    /** {@code ip -n NAME ARGS...}; returns its output, fails when it exits non-zero. */
    public String ip(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(NetnsLab.ipTool(), "-n", name));
        command.addAll(List.of(args));
        return NetnsLab.run(command.toArray(String[]::new));
    }

    /** Runs {@code task} inside the namespace (sockets it opens belong to the namespace). */
    public <T> T call(Callable<T> task) throws Exception {
        return thread.call(task);
    }

    /** Runs {@code task} inside the namespace. */
    public void run(ThrowingRunnable task) throws Exception {
        thread.call(() -> {
            task.run();
            return null;
        });
    }

    /** A piece of test code that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
