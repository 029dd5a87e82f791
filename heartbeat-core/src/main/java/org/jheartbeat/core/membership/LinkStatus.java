package org.jheartbeat.core.membership;

import java.util.Locale;

/** Whether packets from a node arrive on one medium (spec §2.2). */
public enum LinkStatus {
    UP, DEAD;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
