package org.jheartbeat.agents.kernel.ipvs;

import java.util.EnumSet;
import java.util.Set;

/** The IP_VS_SVC_F_* bits a client sets on a virtual service (HASHED is kernel-internal). */
public enum ServiceFlag {
    /** Persistent service: a client sticks to one real server for the persistence timeout. */
    PERSISTENT(0x0001),
    /** One-packet scheduling: every UDP datagram is scheduled on its own. */
    ONE_PACKET(0x0004),
    /** Scheduler flag 1: {@code sh-fallback} for sh, {@code mh-fallback} for mh. */
    SCHED1(0x0008),
    /** Scheduler flag 2: {@code sh-port} for sh, {@code mh-port} for mh. */
    SCHED2(0x0010),
    SCHED3(0x0020);

    private final int bit;

    ServiceFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    public static int toBits(Set<ServiceFlag> flags) {
        int bits = 0;
        for (ServiceFlag flag : flags) {
            bits |= flag.bit;
        }
        return bits;
    }

    /** The flags in a kernel flag word; bits this enum does not know (HASHED) are dropped. */
    public static Set<ServiceFlag> fromBits(int bits) {
        EnumSet<ServiceFlag> flags = EnumSet.noneOf(ServiceFlag.class);
        for (ServiceFlag flag : values()) {
            if ((bits & flag.bit) != 0) {
                flags.add(flag);
            }
        }
        return flags;
    }
}
