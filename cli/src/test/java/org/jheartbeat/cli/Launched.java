package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a command of the built distribution (bin/PROGRAM) as a user would run it: its exit
 * code, stdout and stderr kept apart (scripts read stdout; errors belong on stderr).
 */
public record Launched(int exit, String out, String err) {

    public static final Path BIN = Path.of("target/jheartbeat/bin").toAbsolutePath();

    public static Launched run(Map<String, String> env, String program, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(BIN.resolve(program).toString());
        command.addAll(List.of(args));
        File out = File.createTempFile("launched", ".out");
        File err = File.createTempFile("launched", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out).redirectError(err);
            builder.environment().putAll(env);
            Process p = builder.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
            return new Launched(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }

    /** For assertion messages. */
    public String describe() {
        return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
    }
}
