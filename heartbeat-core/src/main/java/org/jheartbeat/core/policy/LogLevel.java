package org.jheartbeat.core.policy;

/** Heartbeat's log levels, as they appear in its log lines. */
public enum LogLevel {
    DEBUG("debug"), INFO("info"), WARN("WARN"), ERROR("ERROR"), CRIT("CRIT");

    private final String label;

    LogLevel(String label) {
        this.label = label;
    }

    /** {@code info}, {@code WARN}, ... as Heartbeat prints it after the pid. */
    public String label() {
        return label;
    }
}
