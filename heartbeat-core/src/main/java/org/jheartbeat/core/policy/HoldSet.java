package org.jheartbeat.core.policy;

import java.util.Locale;

/**
 * Which groups a node holds or a standby request covers, always from the point of view of the
 * node that names it: {@code LOCAL} = groups whose home is that node, {@code FOREIGN} = the
 * other node's home groups. A two-bit set, as Heartbeat's {@code rsc_hold}.
 */
public enum HoldSet {
    NONE, LOCAL, FOREIGN, ALL;

    private int bits() {
        return ordinal();
    }

    private static HoldSet ofBits(int bits) {
        return values()[bits & 3];
    }

    public HoldSet plus(HoldSet other) {
        return ofBits(bits() | other.bits());
    }

    public HoldSet minus(HoldSet other) {
        return ofBits(bits() & ~other.bits());
    }

    public HoldSet intersect(HoldSet other) {
        return ofBits(bits() & other.bits());
    }

    public boolean covers(HoldSet other) {
        return (bits() & other.bits()) == other.bits();
    }

    public boolean isEmpty() {
        return this == NONE;
    }

    /** The same groups seen from the other node: local and foreign swap. */
    public HoldSet asSeenByPeer() {
        return switch (this) {
            case LOCAL -> FOREIGN;
            case FOREIGN -> LOCAL;
            default -> this;
        };
    }

    /** The word Heartbeat uses in messages, logs and {@code cl_status rscstatus}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return word();
    }
}
