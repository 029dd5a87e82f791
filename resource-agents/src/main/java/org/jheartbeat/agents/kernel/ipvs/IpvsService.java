package org.jheartbeat.agents.kernel.ipvs;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A virtual service as the kernel stores it.
 *
 * @param key                 what identifies it
 * @param scheduler           scheduler module name without the {@code ip_vs_} prefix ({@code wlc}, {@code rr}...)
 * @param flags               {@link ServiceFlag}s
 * @param persistenceTimeout  seconds a client stays with its real server (only with PERSISTENT)
 * @param netmask             persistence granularity: for IPv4 the mask as a 32-bit value
 *                            (255.255.255.0 = 0xFFFFFF00), for IPv6 the prefix length
 * @param persistenceEngine   {@code sip} or empty
 */
public record IpvsService(ServiceKey key, String scheduler, Set<ServiceFlag> flags,
                          int persistenceTimeout, int netmask, String persistenceEngine) {

    /** Longest scheduler or persistence engine name the kernel takes (16 bytes with the NUL). */
    public static final int MAX_NAME_LENGTH = 15;
    public static final int HOST_MASK_IPV4 = 0xFFFFFFFF;
    public static final int HOST_PREFIX_IPV6 = 128;

    public IpvsService {
        Objects.requireNonNull(key, "key");
        checkName("scheduler", scheduler);
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        persistenceEngine = persistenceEngine == null ? "" : persistenceEngine;
        checkName("persistence engine", persistenceEngine);
        if (persistenceTimeout < 0) {
            throw new IllegalArgumentException("persistence timeout " + persistenceTimeout + " is negative");
        }
        if (key.family() == IpFamily.IPV6 && (netmask < 1 || netmask > 128)) {
            throw new IllegalArgumentException("IPv6 persistence prefix " + netmask + " is outside 1..128");
        }
    }

    /** A service with the given scheduler, not persistent, like {@code ipvsadm -A ... -s SCHED}. */
    public static IpvsService of(ServiceKey key, String scheduler) {
        return new IpvsService(key, scheduler, Set.of(), 0, hostMask(key.family()), "");
    }

    /** Like {@code ipvsadm -p TIMEOUT}: persistent, with the given timeout in seconds. */
    public IpvsService persistent(int timeoutSeconds) {
        EnumSet<ServiceFlag> more = flags.isEmpty() ? EnumSet.noneOf(ServiceFlag.class) : EnumSet.copyOf(flags);
        more.add(ServiceFlag.PERSISTENT);
        return new IpvsService(key, scheduler, more, timeoutSeconds, netmask, persistenceEngine);
    }

    public IpvsService withFlags(Set<ServiceFlag> newFlags) {
        return new IpvsService(key, scheduler, newFlags, persistenceTimeout, netmask, persistenceEngine);
    }

    public IpvsService withNetmask(int newNetmask) {
        return new IpvsService(key, scheduler, flags, persistenceTimeout, newNetmask, persistenceEngine);
    }

    public IpvsService withScheduler(String newScheduler) {
        return new IpvsService(key, newScheduler, flags, persistenceTimeout, netmask, persistenceEngine);
    }

    public IpvsService withPersistenceEngine(String engine) {
        return new IpvsService(key, scheduler, flags, persistenceTimeout, netmask, engine);
    }

    public boolean has(ServiceFlag flag) {
        return flags.contains(flag);
    }

    /** The netmask meaning "each client address on its own". */
    public static int hostMask(IpFamily family) {
        return family == IpFamily.IPV4 ? HOST_MASK_IPV4 : HOST_PREFIX_IPV6;
    }

    private static void checkName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (name.length() > MAX_NAME_LENGTH || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(what + " name '" + name
                    + "' must be at most " + MAX_NAME_LENGTH + " printable ASCII characters");
        }
    }
}
