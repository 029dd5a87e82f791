package org.jheartbeat.agents.kernel;

import java.util.Optional;

/**
 * A network interface as rtnetlink reports it.
 *
 * @param index     ifindex
 * @param name      {@code eth0}
 * @param type      ARPHRD_* ({@link RtNetlink#ARPHRD_ETHER}, {@link RtNetlink#ARPHRD_LOOPBACK}, ...)
 * @param flags     IFF_* flags
 * @param mtu       MTU in bytes
 * @param mac       hardware address, when the link has a 6-byte one
 * @param operState RFC 2863 operational state (IF_OPER_UP = 6, IF_OPER_UNKNOWN = 0, ...)
 */
public record Link(int index, String name, int type, int flags, int mtu, Optional<MacAddress> mac, int operState) {

    public static final int IF_OPER_UNKNOWN = 0;
    public static final int IF_OPER_UP = 6;

    public boolean isUp() {
        return (flags & RtNetlink.IFF_UP) != 0;
    }

    public boolean isLoopback() {
        return (flags & RtNetlink.IFF_LOOPBACK) != 0;
    }

    /** Administratively up and, unless the driver does not report it, operationally up. */
    public boolean isUsable() {
        return isUp() && (operState == IF_OPER_UP || operState == IF_OPER_UNKNOWN);
    }
}
