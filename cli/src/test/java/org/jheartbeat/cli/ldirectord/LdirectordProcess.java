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
        ProcessBuilder builder = command(director, workDir, "-d", config.toString(), "start");
        builder.redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        return new LdirectordProcess(builder.start(), log);
    }

    /** {@code bin/ldirectord ARGS} in the director's namespace, with its ha.d and run directories under {@code workDir}. */
    static ProcessBuilder command(Namespace director, Path workDir, String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = Launched.BIN.resolve("ldirectord").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = InNamespace.process(director, command);
        builder.environment().put("JHEARTBEAT_HA_DIR", Files.createDirectories(workDir.resolve("ha.d")).toString());
        builder.environment().put("JHEARTBEAT_RUN_DIR", runDir(workDir).toString());
        return builder;
    }

    static Path runDir(Path workDir) throws IOException {
        return Files.createDirectories(workDir.resolve("run"));
    }

    /** Runs a short {@code bin/ldirectord ARGS} (status, stop, a background start) to its end. */
    static Launched run(Namespace director, Path workDir, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process p = command(director, workDir, args).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ldirectord " + String.join(" ", args) + " did not end in 120 s");
        }
        return new Launched(p.exitValue(), Files.readString(out), Files.readString(err));
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
