package org.jheartbeat.core.membership;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;

/**
 * An interface's first IPv4 address and broadcast address, read when a medium starts (media bind
 * to the interface's address, as Heartbeat's plug-ins do).
 */
record InterfaceAddress4(String interfaceName, Inet4Address address, Optional<Inet4Address> broadcast) {

    static InterfaceAddress4 of(String interfaceName) throws MembershipException {
        NetworkInterface nic;
        try {
            nic = NetworkInterface.getByName(interfaceName);
        } catch (SocketException e) {
            throw new MembershipException("cannot read interface " + interfaceName + ": " + e.getMessage(), e);
        }
        if (nic == null) {
            throw new MembershipException("IP interface [" + interfaceName + "] does not exist");
        }
        for (InterfaceAddress a : nic.getInterfaceAddresses()) {
            if (a.getAddress() instanceof Inet4Address v4) {
                return new InterfaceAddress4(interfaceName, v4,
                        Optional.ofNullable(a.getBroadcast()).map(Inet4Address.class::cast));
            }
        }
        throw new MembershipException("interface [" + interfaceName + "] has no IPv4 address");
    }
}
