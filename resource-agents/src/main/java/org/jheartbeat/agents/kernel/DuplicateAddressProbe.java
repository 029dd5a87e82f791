package org.jheartbeat.agents.kernel;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.Optional;

/**
 * IPv4 duplicate address detection (RFC 5227 probes, what {@code arping -D} does): broadcast
 * ARP requests for {@code ip} with sender address 0.0.0.0 and listen for anyone answering as
 * {@code ip}.
 */
public final class DuplicateAddressProbe {

    private DuplicateAddressProbe() {
    }

    /** The probe frame: who-has ip, from 0.0.0.0 at the link's MAC. */
    public static ArpFrame probeFrame(MacAddress mac, Inet4Address ip) {
        return new ArpFrame(MacAddress.BROADCAST, mac, ArpFrame.REQUEST, mac, Prefixes.ipv4(0), MacAddress.ZERO, ip);
    }

    /**
     * Sends {@code probes} probes, waiting {@code wait} after each for an answer.
     *
     * @return the MAC of a host that claims {@code ip}, or empty when nobody did
     */
    public static Optional<MacAddress> probe(Link link, Inet4Address ip, int probes, Duration wait)
            throws ErrnoException, InterruptedException {
        MacAddress own = link.mac().orElseThrow(() -> new IllegalArgumentException(link.name() + " has no MAC address"));
        try (PacketSocket socket = PacketSocket.open(link.index(), PacketSocket.ETH_P_ARP)) {
            byte[] probe = probeFrame(own, ip).toBytes();
            for (int i = 0; i < probes; i++) {
                socket.send(probe);
                long deadline = System.nanoTime() + wait.toNanos();
                long left;
                while ((left = deadline - System.nanoTime()) > 0) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("duplicate address probe for " + ip.getHostAddress());
                    }
                    Optional<PacketSocket.Frame> frame = socket.receive(Duration.ofNanos(Math.min(left, 100_000_000L)));
                    if (frame.isEmpty() || frame.get().packetType() == PacketSocket.PACKET_OUTGOING) {
                        continue;
                    }
                    Optional<MacAddress> claimant = claimant(frame.get().data(), ip, own);
                    if (claimant.isPresent()) {
                        return claimant;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<MacAddress> claimant(byte[] data, Inet4Address ip, MacAddress own) {
        try {
            ArpFrame arp = ArpFrame.parse(data);
            if (arp.senderIp().equals(ip) && !arp.senderMac().equals(own)) {
                return Optional.of(arp.senderMac());
            }
        } catch (IllegalArgumentException notArp) {
            // Some other frame on the wire: not an answer.
        }
        return Optional.empty();
    }
}
