package org.jheartbeat.core.membership;

import java.net.InetAddress;
import java.util.List;

/**
 * ha.cf {@code ucast IF PEER} lines of one interface: packets for everybody are sent to each
 * listed peer on udpport, from IF's address:udpport.
 */
public final class UnicastTransport extends MediumTransport {

    private final List<InetAddress> peers;
    private final int port;

    public UnicastTransport(String linkName, DropCounters drops, InetAddress address, List<InetAddress> peers,
                            int port) {
        super(linkName, drops);
        this.peers = List.copyOf(peers);
        this.port = port;
        setMulticasting(false);
        setBindAddress(address);
        setBindPort(port);
        setPortRange(0);
    }

    @Override
    public void sendToAll(byte[] data, int offset, int length) throws Exception {
        for (InetAddress peer : peers) {
            _send(peer, port, data, offset, length);
        }
    }
}
