package org.jheartbeat.cli.membership;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Run inside a tap namespace on the cluster's bridge: captures one broadcast heartbeat packet
 * sent by a given node and sends copies of it back onto the wire, as an attacker replaying
 * traffic would. Arguments: BROADCAST PORT SOURCE-IP COUNT.
 */
public final class PacketReplayer {

    private PacketReplayer() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress broadcast = InetAddress.getByName(args[0]);
        int port = Integer.parseInt(args[1]);
        InetAddress source = InetAddress.getByName(args[2]);
        int count = Integer.parseInt(args[3]);
        try (DatagramSocket socket = new DatagramSocket(null); DatagramSocket sender = new DatagramSocket()) {
            sender.setBroadcast(true);
            socket.setReuseAddress(true);
            socket.setBroadcast(true);
            socket.bind(new InetSocketAddress(broadcast, port));
            socket.setSoTimeout(10_000);
            DatagramPacket captured = new DatagramPacket(new byte[65536], 65536);
            do {
                socket.receive(captured);
            } while (!captured.getAddress().equals(source));
            for (int i = 0; i < count; i++) {
                sender.send(new DatagramPacket(captured.getData(), captured.getLength(), broadcast, port));
            }
        }
    }
}
