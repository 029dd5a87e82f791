package org.jheartbeat.agents.lvs.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The global part of ldirectord.cf as read so far. */
final class GlobalDraft {
    final SharedSettings shared = new SharedSettings();
    boolean autoReload;
    Optional<String> callback = Optional.empty();
    String logFile = "/var/log/ldirectord.log";
    final List<String> execute = new ArrayList<>();
    boolean fork;
    boolean supervised;
    boolean readdQuiescent;
    Optional<String> emailFrom = Optional.empty();
    Optional<String> maintenanceDir = Optional.empty();
}
