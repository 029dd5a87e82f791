package org.jheartbeat.core.config;

import java.net.InetAddress;

/**
 * UDP multicast heartbeats ({@code mcast IF GROUP PORT TTL LOOP}); the port is the line's own,
 * udpport does not apply.
 *
 * @param ttl  0..4, as Heartbeat accepts
 * @param loop whether the sender receives its own packets
 */
public record McastMedium(String interfaceName, InetAddress group, int port, int ttl, boolean loop, int line)
        implements Medium {

    @Override
    public String type() {
        return "mcast";
    }
}
