package org.jheartbeat.agents.kernel.ipvs;

/**
 * Connection timeouts in seconds (kernel defaults 900, 120, 300). In a request, 0 leaves a
 * value unchanged.
 */
public record IpvsTimeouts(int tcp, int tcpFin, int udp) {

    public IpvsTimeouts {
        if (tcp < 0 || tcpFin < 0 || udp < 0) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
    }
}
