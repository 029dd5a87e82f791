package org.jheartbeat.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Collects the problems found while reading configuration, so that a run reports all of them
 * at once instead of stopping at the first. Not thread-safe: one collector per reading.
 */
public final class Problems {

    private final List<Problem> list = new ArrayList<>();

    public void error(Path file, int line, String message) {
        list.add(new Problem(Severity.ERROR, file, line, message));
    }

    public void warning(Path file, int line, String message) {
        list.add(new Problem(Severity.WARNING, file, line, message));
    }

    public void add(Problem problem) {
        list.add(problem);
    }

    public void addAll(Collection<Problem> problems) {
        list.addAll(problems);
    }

    public boolean hasErrors() {
        return list.stream().anyMatch(Problem::isError);
    }

    public int errorCount() {
        return (int) list.stream().filter(Problem::isError).count();
    }

    /** An immutable copy, in the order found. */
    public List<Problem> list() {
        return List.copyOf(list);
    }
}
