package org.jheartbeat.core.config;

/**
 * UDP broadcast heartbeats on one interface ({@code bcast eth0}).
 *
 * @param port the udpport in effect when the first bcast medium of the file was read
 */
public record BcastMedium(String interfaceName, int port, int line) implements Medium {

    @Override
    public String type() {
        return "bcast";
    }
}
