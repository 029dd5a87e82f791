package org.jheartbeat.core.config;

/**
 * UDP unicast heartbeats to one peer ({@code ucast IF PEER}). A line naming the node itself is
 * harmless, so both nodes may carry identical lines.
 *
 * @param peer an IPv4 address or a host name, as written (resolved when the medium starts)
 * @param port the udpport in effect when the first ucast medium of the file was read
 */
public record UcastMedium(String interfaceName, String peer, int port, int line) implements Medium {

    @Override
    public String type() {
        return "ucast";
    }
}
