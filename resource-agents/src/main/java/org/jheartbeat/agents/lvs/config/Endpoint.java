package org.jheartbeat.agents.lvs.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/** An address and port, printed the way ldirectord and ipvsadm print them. */
public record Endpoint(InetAddress address, int port) {

    public Endpoint {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** {@code 10.0.0.1} or {@code [2001:db8::1]}. */
    public String host() {
        return isIpv6() ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    }

    /** {@code 10.0.0.1:80} or {@code [2001:db8::1]:80}. */
    @Override
    public String toString() {
        return host() + ":" + port;
    }
}
