package org.jheartbeat.agents.kernel.ipvs;

import java.util.Objects;

/** A virtual service as the kernel reports it: its configuration and its counters. */
public record IpvsServiceEntry(IpvsService service, IpvsStats stats) {

    public IpvsServiceEntry {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(stats, "stats");
    }
}
