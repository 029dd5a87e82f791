package org.jheartbeat.core.membership;

import java.util.Locale;

/** A node's status as Heartbeat names it (spec §2.1). */
public enum NodeStatus {
    /** Never heard since this daemon started, or announced by a peer that has just restarted. */
    INIT,
    /** The node's daemon runs but its communications are not yet up. */
    UP,
    /** Fully running. */
    ACTIVE,
    /** Silent for longer than the dead time (only ever a local verdict). */
    DEAD,
    /** A ping node answering ICMP echo. */
    PING;

    /** The word Heartbeat prints ({@code active}, {@code dead}, ...). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static NodeStatus ofWire(int code) {
        return switch (code) {
            case 0 -> INIT;
            case 1 -> UP;
            case 2 -> ACTIVE;
            default -> throw new IllegalArgumentException("not a status a node announces: " + code);
        };
    }

    int wireCode() {
        return switch (this) {
            case INIT -> 0;
            case UP -> 1;
            case ACTIVE -> 2;
            default -> throw new IllegalStateException(this + " is never announced");
        };
    }
}
