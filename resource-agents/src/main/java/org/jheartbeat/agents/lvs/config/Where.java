package org.jheartbeat.agents.lvs.config;

import java.nio.file.Path;

import org.jheartbeat.core.config.Problems;

/** The line being read, and where its problems go. */
record Where(Path file, int line, Problems problems) {

    void error(String message) {
        problems.error(file, line, message);
    }

    void warning(String message) {
        problems.warning(file, line, message);
    }
}
