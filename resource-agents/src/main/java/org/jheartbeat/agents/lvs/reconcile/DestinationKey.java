package org.jheartbeat.agents.lvs.reconcile;

import java.net.InetAddress;

import org.jheartbeat.agents.kernel.ipvs.IpvsDestination;

/** What identifies a real server inside one IPVS service: its address and (kernel) port. */
public record DestinationKey(InetAddress address, int port) {

    public static DestinationKey of(IpvsDestination d) {
        return new DestinationKey(d.address(), d.port());
    }
}
