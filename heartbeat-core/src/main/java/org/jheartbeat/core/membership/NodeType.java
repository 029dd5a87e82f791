package org.jheartbeat.core.membership;

import java.util.Locale;

/** {@code normal} for ha.cf {@code node}s, {@code ping} for {@code ping}/{@code ping_group}. */
public enum NodeType {
    NORMAL, PING;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
