package org.jheartbeat.cli.init;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the shell scripts in {@code init/} as a real process (with {@code /bin/sh}, as
 * init and the administrator do) and collects what a user would see.
 */
final class Script {

    /** The repository's init/ directory (tests run in the cli module's directory). */
    static final Path INIT = Path.of("../init").toAbsolutePath().normalize();
    /** The distribution ./build produces; the cli module builds it before its tests run. */
    static final Path DIST = Path.of("target/jheartbeat").toAbsolutePath();

    /** What the script printed and how it exited. */
    record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private Script() {
    }

    /**
     * Runs {@code command} with {@code environment} added to this process's environment, and
     * {@code prefix} (e.g. {@code ip netns exec NS}) in front of it.
     */
    static Result run(List<String> prefix, List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String stdout = read(process.getInputStream());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "did not finish: " + full);
        return new Result(process.exitValue(), stdout, stderr.join());
    }

    static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        return run(List.of(), command, environment);
    }

    /** The lines after "== NAME" up to the next "== " marker. */
    static String section(String output, String name) {
        int start = output.indexOf("== " + name + "\n");
        assertTrue(start >= 0, "no section " + name + " in\n" + output);
        start += name.length() + 4;
        int end = output.indexOf("\n== ", start);
        return end < 0 ? output.substring(start) : output.substring(start, end + 1);
    }

    private static String read(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
