package org.jheartbeat.core.policy;

import java.util.Locale;
import java.util.Optional;

/** The argument of {@code hb_standby} and {@code hb_takeover}: {@code all|foreign|local|failback}. */
public enum StandbyArgument {
    ALL, FOREIGN, LOCAL, FAILBACK;

    /** What {@code hb_standby ARG} gives up: {@code failback} is the same as {@code foreign}. */
    public HoldSet standbySet() {
        return switch (this) {
            case ALL -> HoldSet.ALL;
            case FOREIGN, FAILBACK -> HoldSet.FOREIGN;
            case LOCAL -> HoldSet.LOCAL;
        };
    }

    /**
     * What the peer gives up when this node runs {@code hb_takeover ARG}. Heartbeat's rc.d hook
     * maps local and foreign across and has no case for {@code failback}, so the peer runs
     * hb_standby without an argument, which means {@code all}.
     */
    public HoldSet takeoverSetForPeer() {
        return switch (this) {
            case ALL, FAILBACK -> HoldSet.ALL;
            case LOCAL -> HoldSet.FOREIGN;
            case FOREIGN -> HoldSet.LOCAL;
        };
    }

    public static Optional<StandbyArgument> parse(String word) {
        for (StandbyArgument argument : values()) {
            if (argument.name().toLowerCase(Locale.ROOT).equals(word)) {
                return Optional.of(argument);
            }
        }
        return Optional.empty();
    }
}
