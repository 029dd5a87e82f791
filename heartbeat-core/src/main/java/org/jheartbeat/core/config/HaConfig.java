package org.jheartbeat.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The whole, validated configuration of one node: ha.cf, haresources and authkeys read from
 * one directory, checked against each other. Only {@link HaConfigLoader} makes these, and only
 * when no file has an error, so holding one means the daemon may start.
 *
 * @param directory the configuration directory (normally /etc/ha.d)
 * @param localNode this node's name, lower case, one of {@code haCf.nodes()}
 */
public record HaConfig(Path directory, String localNode, HaCf haCf, AuthKeys authKeys,
                       List<ResolvedGroup> groups) {

    public HaConfig {
        groups = List.copyOf(groups);
    }

    /** The other normal nodes. */
    public List<String> peers() {
        return haCf.nodes().stream().filter(n -> !n.equals(localNode)).toList();
    }
}
