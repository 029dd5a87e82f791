package org.jheartbeat.agents.kernel;

import java.net.InetAddress;
import java.util.Optional;

/**
 * An address configured on an interface ({@code ip addr} line).
 *
 * @param ifindex      the interface it is on
 * @param address      {@code IFA_LOCAL} (the interface's own address)
 * @param prefixLength prefix length
 * @param broadcast    {@code IFA_BROADCAST}, when set
 * @param label        {@code IFA_LABEL}, e.g. {@code eth0} or {@code eth0:0}
 * @param scope        RT_SCOPE_* (0 global, 253 link, 254 host)
 * @param flags        IFA_F_* (full 32-bit word)
 */
public record InterfaceAddress(int ifindex, InetAddress address, int prefixLength, Optional<InetAddress> broadcast,
                               String label, int scope, int flags) {

    public boolean isSecondary() {
        return (flags & RtNetlink.IFA_F_SECONDARY) != 0;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength
                + broadcast.map(b -> " brd " + b.getHostAddress()).orElse("")
                + " scope " + scope + " " + label;
    }
}
