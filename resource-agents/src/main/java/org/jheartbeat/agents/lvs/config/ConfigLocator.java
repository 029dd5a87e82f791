package org.jheartbeat.agents.lvs.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds an ldirectord configuration the way ldirectord does: {@code HADIR/NAME}, then
 * {@code HADIR/conf/NAME}, then {@code NAME} as given (relative to the working directory).
 */
public final class ConfigLocator {

    private ConfigLocator() {
    }

    private static List<Path> candidates(Path haDir, String name) {
        try {
            return List.of(haDir.resolve(name), haDir.resolve("conf").resolve(name), Path.of(name));
        } catch (InvalidPathException e) {
            return List.of();
        }
    }

    /** The first candidate that is a regular file. */
    public static Optional<Path> find(Path haDir, String name) {
        return candidates(haDir, name).stream().filter(Files::isRegularFile).findFirst();
    }
}
