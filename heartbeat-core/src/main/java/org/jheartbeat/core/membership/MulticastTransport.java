package org.jheartbeat.core.membership;

import java.net.InetAddress;

/** ha.cf {@code mcast IF GROUP PORT TTL LOOP}: IP multicast on IF with that TTL and loopback. */
public final class MulticastTransport extends MediumTransport {

    public MulticastTransport(String linkName, DropCounters drops, InetAddress address, InetAddress group, int port,
                              int ttl, boolean loop) {
        super(linkName, drops);
        setMulticasting(true);
        setMulticastAddress(group);
        setMulticastPort(port);
        setIpTTL(ttl);
        disableLoopback(!loop);
        setBindAddress(address);
        setBindPort(0);
    }
}
