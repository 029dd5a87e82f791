package org.jheartbeat.core.membership;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * ha.cf {@code bcast IF}: packets for everybody go to IF's broadcast address on udpport. The
 * unicast socket is bound to IF's address:udpport; a second socket bound to the broadcast
 * address:udpport receives the broadcasts (on Linux a socket bound to one address never sees
 * broadcasts, and one bound to the broadcast address sees only those of its subnet).
 */
public final class BroadcastTransport extends MediumTransport {

    private final InetAddress broadcast;
    private final int port;
    private DatagramSocket broadcastSocket;
    private PacketReceiver receiver;

    public BroadcastTransport(String linkName, DropCounters drops, InetAddress address, InetAddress broadcast,
                              int port) {
        super(linkName, drops);
        this.broadcast = broadcast;
        this.port = port;
        setMulticasting(false);
        setBindAddress(address);
        setBindPort(port);
        setPortRange(0);
    }

    @Override
    protected void createSockets() throws Exception {
        super.createSockets();
        sock.setBroadcast(true);
        broadcastSocket = new DatagramSocket(null);
        broadcastSocket.setReuseAddress(true);
        broadcastSocket.bind(new InetSocketAddress(broadcast, port));
    }

    @Override
    protected void handleConnect() throws Exception {
        super.handleConnect();
        receiver = new ArrivalStampingReceiver(this, broadcastSocket, "bcast-receiver");
        receiver.start();
    }

    @Override
    protected void destroySockets() {
        if (receiver != null) {
            receiver.stop();
        }
        if (broadcastSocket != null) {
            broadcastSocket.close();
        }
        super.destroySockets();
    }

    @Override
    public void sendToAll(byte[] data, int offset, int length) throws Exception {
        _send(broadcast, port, data, offset, length);
    }
}
