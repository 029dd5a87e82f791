package org.jheartbeat.agents.kernel.ipvs;

/**
 * Traffic counters of a service or real server since it was added (or zeroed), and the rates
 * the kernel's estimator computes every two seconds. All values are unsigned 64-bit.
 */
public record IpvsStats(long connections, long inPackets, long outPackets, long inBytes, long outBytes,
                        long connectionsPerSecond, long inPacketsPerSecond, long outPacketsPerSecond,
                        long inBytesPerSecond, long outBytesPerSecond) {

    public static final IpvsStats ZERO = new IpvsStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
