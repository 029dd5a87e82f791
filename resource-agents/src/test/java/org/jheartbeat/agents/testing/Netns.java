package org.jheartbeat.agents.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jheartbeat.agents.kernel.Libc;

/**
 * A network namespace a test creates (named with a per-run prefix) and deletes again. Code runs
 * "inside" it on a fresh platform thread that has joined it with setns(2): sockets opened there
 * (netlink, TCP) stay in the namespace whichever thread uses them later. Set-up commands run
 * with {@code ip netns exec}.
 */
public final class Netns implements AutoCloseable {

    /** Unique per JVM, so parallel or leftover runs never collide. */
    public static final String RUN_PREFIX = "jhb" + ProcessHandle.current().pid() + "-";

    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    /** {@code ip netns add PREFIX-suffix} with {@code lo} up. */
    public static Netns create(String suffix) {
        Netns ns = new Netns(RUN_PREFIX + suffix);
        run("ip", "netns", "add", ns.name);
        ns.exec("ip", "link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    /** Runs {@code task} on a platform thread inside this namespace and returns its result. */
    public <T> T call(Callable<T> task) throws Exception {
        FutureTask<T> future = new FutureTask<>(() -> {
            int fd = Libc.open("/run/netns/" + name, Libc.O_RDONLY | Libc.O_CLOEXEC);
            try {
                Libc.setns(fd, Libc.CLONE_NEWNET);
            } finally {
                Libc.close(fd);
            }
            return task.call();
        });
        Thread thread = Thread.ofPlatform().name("netns-" + name).start(future);
        try {
            return future.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            thread.interrupt();
            throw e;
        }
    }

    /** {@code ip netns exec NAME CMD...}; fails the test unless it exits 0; returns stdout+stderr. */
    public String exec(String... command) {
        return run(prefixed(command));
    }

    /** Like {@link #exec} but returns the exit status and output instead of failing. */
    public Result execStatus(String... command) {
        return runStatus(prefixed(command));
    }

    private String[] prefixed(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return full.toArray(String[]::new);
    }

    public static String run(String... command) {
        Result r = runStatus(command);
        assertEquals(0, r.status(), () -> String.join(" ", command) + " failed:\n" + r.output());
        return r.output();
    }

    public static Result runStatus(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    /** Deletes the namespace (its interfaces and IPVS table go with it). */
    @Override
    public void close() {
        runStatus("ip", "netns", "del", name);
    }

    public record Result(int status, String output) {
    }
}
