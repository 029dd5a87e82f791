package org.jheartbeat.agents.lvs.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A whole ldirectord.cf, checked and resolved.
 *
 * @param deviations where this reading knowingly differs from what ldirectord 4.x would make of
 *                   the same file, in words an operator understands (shown by {@code --check})
 */
public record LdirectordConfig(Path file, GlobalSettings globals, List<VirtualService> virtuals,
                               List<String> deviations) {

    public LdirectordConfig {
        virtuals = List.copyOf(virtuals);
        deviations = List.copyOf(deviations);
    }
}
