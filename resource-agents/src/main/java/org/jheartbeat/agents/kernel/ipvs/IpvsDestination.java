package org.jheartbeat.agents.kernel.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A real server of a virtual service, as configured.
 *
 * @param address        the real server (its family may differ from the service's only when tunneling)
 * @param port           its port; the kernel uses the service port for ROUTE and TUNNEL anyway
 * @param method         forwarding method
 * @param weight         0 = no new connections; ipvsadm allows up to 65535, the kernel any int
 * @param upperThreshold stop sending new connections above this many (0 = no limit)
 * @param lowerThreshold resume below this many
 * @param tunnel         encapsulation when {@code method} is TUNNEL
 */
public record IpvsDestination(InetAddress address, int port, ForwardMethod method, int weight,
                              int upperThreshold, int lowerThreshold, TunnelOptions tunnel) {

    public IpvsDestination {
        Objects.requireNonNull(address, "address");
        Ports.check(port);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(tunnel, "tunnel");
        if (weight < 0) {
            throw new IllegalArgumentException("weight " + weight + " is negative");
        }
        if (upperThreshold < 0 || lowerThreshold < 0) {
            throw new IllegalArgumentException("connection thresholds must not be negative");
        }
    }

    /** Like {@code ipvsadm -a ... -r ADDR:PORT -g|-m|-i -w WEIGHT}. */
    public static IpvsDestination of(InetAddress address, int port, ForwardMethod method, int weight) {
        return new IpvsDestination(address, port, method, weight, 0, 0, TunnelOptions.IPIP);
    }

    public IpvsDestination withWeight(int newWeight) {
        return new IpvsDestination(address, port, method, newWeight, upperThreshold, lowerThreshold, tunnel);
    }

    public IpvsDestination withThresholds(int upper, int lower) {
        return new IpvsDestination(address, port, method, weight, upper, lower, tunnel);
    }

    public IpvsDestination withTunnel(TunnelOptions options) {
        return new IpvsDestination(address, port, method, weight, upperThreshold, lowerThreshold, options);
    }

    public IpFamily family() {
        return IpFamily.of(address);
    }
}
