package org.jheartbeat.core.manager;

import org.jheartbeat.core.membership.LogMarkers;
import org.jheartbeat.core.policy.LogLevel;
import org.slf4j.Logger;

/** Writes a log line the policy or ipfail asked for at Heartbeat's level. */
final class ManagerLog {

    private ManagerLog() {
    }

    static void write(Logger log, LogLevel level, String text) {
        switch (level) {
            case DEBUG -> log.debug("{}", text);
            case INFO -> log.info("{}", text);
            case WARN -> log.warn("{}", text);
            case ERROR -> log.error("{}", text);
            case CRIT -> log.error(LogMarkers.CRIT, "{}", text);
        }
    }
}
