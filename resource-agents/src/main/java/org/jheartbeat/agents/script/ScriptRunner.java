package org.jheartbeat.agents.script;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one resource script call: {@code SCRIPT ARG... ACTION} with the Heartbeat environment,
 * stdin from /dev/null, its output logged. A call that outlives its timeout, or whose caller is
 * interrupted, is killed together with every process it started.
 *
 * <p>Output goes to temporary files rather than pipes: a start script that leaves a daemon
 * behind with our pipe as its stdout would otherwise keep us waiting for end-of-file.
 */
final class ScriptRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);
    private static final File DEV_NULL = new File("/dev/null");
    /** How long to wait for killed processes to be reaped. */
    private static final Duration REAP = Duration.ofSeconds(5);

    private ScriptRunner() {
    }

    static ScriptRun run(Path script, List<String> arguments, String action, Map<String, String> environment,
                         Duration timeout) {
        List<String> command = new java.util.ArrayList<>();
        command.add(script.toString());
        command.addAll(arguments);
        command.add(action);
        LOG.info("Running {}", String.join(" ", command));
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("jheartbeat-script-", ".out");
            err = Files.createTempFile("jheartbeat-script-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                return new ScriptRun(ScriptRun.Outcome.NOT_STARTED, -1, "", "", "cannot run " + script + ": " + e.getMessage());
            }
            ScriptRun.Outcome outcome = waitOrKill(process, timeout);
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            logOutput(script, stdout, stderr);
            return switch (outcome) {
                case COMPLETED -> new ScriptRun(outcome, process.exitValue(), stdout, stderr, "");
                case TIMED_OUT -> new ScriptRun(outcome, -1, stdout, stderr,
                        script + " " + action + " timed out after " + timeout.toMillis() + " ms and was killed");
                default -> new ScriptRun(outcome, -1, stdout, stderr,
                        script + " " + action + " was interrupted and killed");
            };
        } catch (IOException e) {
            return new ScriptRun(ScriptRun.Outcome.NOT_STARTED, -1, "", "", "cannot run " + script + ": " + e.getMessage());
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static ScriptRun.Outcome waitOrKill(Process process, Duration timeout) {
        try {
            if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return ScriptRun.Outcome.COMPLETED;
            }
            killTree(process);
            return ScriptRun.Outcome.TIMED_OUT;
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return ScriptRun.Outcome.INTERRUPTED;
        }
    }

    /** Kills the script and every process it started that is still its descendant. */
    static void killTree(Process process) {
        // Take the list first: once the shell dies its children are re-parented and lost to us.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        boolean interrupted = Thread.interrupted();
        try {
            process.waitFor(REAP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.warn("Killed {} (pid {}) and {} process(es) it started", process.info().command().orElse("script"),
                process.pid(), descendants.size());
    }

    private static void logOutput(Path script, String stdout, String stderr) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        String name = script.getFileName().toString();
        stdout.lines().forEach(line -> LOG.debug("{}: {}", name, line));
        stderr.lines().forEach(line -> LOG.debug("{} (stderr): {}", name, line));
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("could not remove {}: {}", file, e.getMessage());
        }
    }
}
