package org.jheartbeat.core.config;

/** How a haresources resource will be run, in Heartbeat's search order. */
public enum ResourceKind {
    /** An agent implemented in jheartbeat (IPaddr2, ldirectord, ...). */
    BUILT_IN("built-in agent"),
    /** A heartbeat-style script in DIR/resource.d/. */
    HEARTBEAT_SCRIPT("heartbeat resource script"),
    /** An LSB init script in /etc/init.d/. */
    LSB_SCRIPT("LSB init script"),
    /** Nothing found: only in a configuration that failed its checks. */
    UNRESOLVED("NOT FOUND");

    private final String description;

    ResourceKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
