package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.agents.kernel.InterfaceAddress;
import org.jheartbeat.agents.kernel.Link;
import org.jheartbeat.agents.kernel.RtNetlink;

import java.net.Inet4Address;
import java.util.Optional;

/**
 * An address with everything the kernel needs decided: the interface, prefix length, broadcast
 * and label.
 */
record ResolvedAddress(Link link, Inet4Address ip, int prefixLength, Optional<Inet4Address> broadcast, String label) {

    /** The address as rtnetlink adds it. */
    InterfaceAddress toKernel(int flags) {
        return new InterfaceAddress(link.index(), ip, prefixLength, broadcast.<java.net.InetAddress>map(b -> b), label,
                RtNetlink.RT_SCOPE_UNIVERSE, flags);
    }

    /** {@code 10.0.0.5/24} */
    String cidr() {
        return ip.getHostAddress() + "/" + prefixLength;
    }
}
