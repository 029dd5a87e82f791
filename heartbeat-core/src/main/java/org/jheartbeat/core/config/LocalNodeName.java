package org.jheartbeat.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * This node's cluster name, found as Heartbeat finds it: the first line of DIR/nodeinfo if
 * that file exists, else the kernel's host name ({@code uname -n}), in lower case.
 */
public final class LocalNodeName {

    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    private LocalNodeName() {
    }

    public static String find(Path configDirectory) {
        return firstLine(configDirectory.resolve("nodeinfo"))
                .or(() -> firstLine(KERNEL_HOSTNAME))
                .orElse("localhost")
                .toLowerCase(Locale.ROOT);
    }

    private static Optional<String> firstLine(Path file) {
        if (new ConfigFileReader(4096, 4096).whyUnusable(file).isPresent()) {
            return Optional.empty();
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.findFirst().map(String::strip).filter(s -> !s.isEmpty());
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
