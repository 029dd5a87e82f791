package org.jheartbeat.core.config;

import java.nio.file.Path;
import java.util.List;

/** The readable lines of one configuration file, as {@link ConfigFileReader} delivers them. */
public record ConfigText(Path file, List<ConfigLine> lines) {

    public ConfigText {
        lines = List.copyOf(lines);
    }
}
