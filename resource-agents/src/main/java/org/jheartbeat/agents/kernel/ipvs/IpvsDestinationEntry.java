package org.jheartbeat.agents.kernel.ipvs;

import java.util.Objects;

/**
 * A real server as the kernel reports it.
 *
 * @param activeConnections     established connections
 * @param inactiveConnections   connections in other states (closing, SYN received, UDP...)
 * @param persistentConnections persistence templates pointing at it
 */
public record IpvsDestinationEntry(IpvsDestination destination, int activeConnections,
                                   int inactiveConnections, int persistentConnections, IpvsStats stats) {

    public IpvsDestinationEntry {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(stats, "stats");
    }
}
