package org.jheartbeat.agents.lvs.config;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The IPVS service options of a virtual.
 *
 * @param persistentSeconds persistence timeout, absent when the service is not persistent
 * @param netmask           persistence granularity: a dotted quad (IPv4) or a prefix length
 *                          (IPv6); only meaningful together with persistence
 * @param schedulerFlags    {@code schedflags=} as written (e.g. {@code sh-port})
 * @param onePacket         one-packet scheduling (udp only)
 */
public record Scheduling(String scheduler, OptionalInt persistentSeconds, Optional<String> netmask,
                         Optional<String> schedulerFlags, boolean onePacket) {

    public Scheduling {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(persistentSeconds, "persistentSeconds");
        Objects.requireNonNull(netmask, "netmask");
        Objects.requireNonNull(schedulerFlags, "schedulerFlags");
    }
}
