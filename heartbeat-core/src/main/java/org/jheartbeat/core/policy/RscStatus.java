package org.jheartbeat.core.policy;

import java.util.Locale;

/** What {@code cl_status rscstatus} prints. */
public enum RscStatus {
    NONE, LOCAL, FOREIGN, ALL, TRANSITION;

    static RscStatus of(HoldSet holds) {
        return valueOf(holds.name());
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
