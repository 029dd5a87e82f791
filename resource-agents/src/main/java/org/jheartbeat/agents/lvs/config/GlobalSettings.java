package org.jheartbeat.agents.lvs.config;

import java.util.List;
import java.util.Optional;

/**
 * The settings of ldirectord.cf that belong to the daemon rather than to one virtual (the
 * per-virtual defaults taken from the global part live in each {@link VirtualService}).
 *
 * @param logFile        a path (starts with {@code /}) or a syslog facility
 * @param callback       program run as {@code PATH CONFIG} whenever the file changes
 * @param execute        other ldirectord configurations managed together with this one
 * @param maintenanceDir directory whose files put real servers into maintenance
 */
public record GlobalSettings(int checkIntervalSeconds, boolean autoReload, Optional<String> callback,
                             String logFile, List<String> execute, boolean fork, boolean supervised,
                             boolean readdQuiescent, Optional<String> maintenanceDir) {

    public GlobalSettings {
        execute = List.copyOf(execute);
    }
}
