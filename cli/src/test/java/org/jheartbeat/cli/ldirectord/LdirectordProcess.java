package org.jheartbeat.cli.ldirectord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.jheartbeat.agents.testing.InNamespace;
import org.jheartbeat.agents.testing.Namespace;
import org.jheartbeat.cli.Launched;

/**
 * The built {@code bin/ldirectord -d CONFIG start} running in the director's namespace, as an
 * operator would run it in the foreground: a process of its own (every thread of it, and so
 * every check and netlink socket, lives in that namespace), its log on stderr kept in a file.
 * Closing sends SIGTERM, which makes it clean up as {@code cleanstop} says, and waits for it.
 */
final class LdirectordProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private LdirectordProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static LdirectordProcess start(Namespace director, Path config, Path workDir) throws IOException {
        Path log = workDir.resolve("ldirectord.log");
        ProcessBuilder builder = InNamespace.process(director, Launched.BIN.resolve("ldirectord").toString(),
                "-d", config.toString(), "start");
        builder.environment().put("JHEARTBEAT_HA_DIR", Files.createDirectories(workDir.resolve("ha.d")).toString());
        builder.environment().put("JHEARTBEAT_RUN_DIR", Files.createDirectories(workDir.resolve("run")).toString());
        builder.redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        return new LdirectordProcess(builder.start(), log);
    }

    /** What it logged so far. */
    String log() throws IOException {
        return Files.readString(log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then its exit status (after up to a minute; killed if it does not stop). */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
