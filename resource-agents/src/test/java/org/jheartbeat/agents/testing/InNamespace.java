package org.jheartbeat.agents.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs a tool (ipvsadm, sysctl, ...) in a {@link NetnsLab} namespace with {@code ip netns exec}. */
public final class InNamespace {

    private InNamespace() {
    }

    /** Returns the tool's output (stdout and stderr); fails when it exits non-zero. */
    public static String run(Namespace namespace, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of(NetnsLab.ipTool(), "netns", "exec", namespace.name()));
        full.addAll(List.of(command));
        return NetnsLab.run(full.toArray(String[]::new));
    }

    /** A process builder for {@code command} inside the namespace, for programs that keep running. */
    public static ProcessBuilder process(Namespace namespace, String... command) {
        List<String> full = new ArrayList<>(List.of(NetnsLab.ipTool(), "netns", "exec", namespace.name()));
        full.addAll(List.of(command));
        return new ProcessBuilder(full);
    }
}
