package org.jheartbeat.agents.lvs;

import java.io.IOException;

/**
 * Runs a {@code fallbackcommand} or {@code callback} line through the shell, as ldirectord's
 * {@code system} does, without holding up the checks.
 */
final class ShellCommand {

    private ShellCommand() {
    }

    /** @param what {@code fallbackcommand} or {@code callback}, for the log */
    static void run(String what, String commandLine, LdirectordLog log) {
        log.info("Running {}: {}", what, commandLine);
        Thread.ofVirtual().name(what).start(() -> {
            try {
                Process p = new ProcessBuilder("/bin/sh", "-c", commandLine).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                int status = p.waitFor();
                if (status != 0) {
                    log.error("system({}) failed: exit status {}", commandLine, status);
                }
            } catch (IOException e) {
                log.error("system({}) failed: {}", commandLine, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
