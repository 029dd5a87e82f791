package org.jheartbeat.agents.kernel;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An Ethernet/IPv4 ARP frame, 42 bytes: Ethernet header (14) then the ARP message (28), all
 * fields big-endian.
 *
 * @param ethernetDestination frame destination (broadcast for announcements)
 * @param ethernetSource      frame source (the sending interface's MAC)
 * @param operation           {@link #REQUEST} or {@link #REPLY}
 * @param senderMac           ARP sender hardware address
 * @param senderIp            ARP sender protocol address
 * @param targetMac           ARP target hardware address
 * @param targetIp            ARP target protocol address
 */
public record ArpFrame(MacAddress ethernetDestination, MacAddress ethernetSource, int operation,
                       MacAddress senderMac, Inet4Address senderIp, MacAddress targetMac, Inet4Address targetIp) {

    public static final int REQUEST = 1;
    public static final int REPLY = 2;
    public static final int LENGTH = 42;

    private static final int ETHERTYPE_ARP = 0x0806;
    private static final int HARDWARE_ETHERNET = 1;
    private static final int PROTOCOL_IPV4 = 0x0800;

    /**
     * A gratuitous ARP as send_arp builds it: broadcast, sender and target IP both the announced
     * address; the request's target MAC is zero, the reply's is the announced MAC.
     *
     * @param interfaceMac the sending interface's MAC (Ethernet source)
     * @param announcedMac the MAC that should own {@code ip} (normally the interface's)
     */
    public static ArpFrame gratuitous(int operation, MacAddress interfaceMac, MacAddress announcedMac, Inet4Address ip) {
        MacAddress target = operation == REQUEST ? MacAddress.ZERO : announcedMac;
        return new ArpFrame(MacAddress.BROADCAST, interfaceMac, operation, announcedMac, ip, target, ip);
    }

    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(LENGTH);
        out.put(ethernetDestination.bytes()).put(ethernetSource.bytes()).putShort((short) ETHERTYPE_ARP);
        out.putShort((short) HARDWARE_ETHERNET).putShort((short) PROTOCOL_IPV4).put((byte) 6).put((byte) 4);
        out.putShort((short) operation);
        out.put(senderMac.bytes()).put(senderIp.getAddress()).put(targetMac.bytes()).put(targetIp.getAddress());
        return out.array();
    }

    /**
     * Reads an Ethernet/IPv4 ARP frame (padding after byte 42 is ignored).
     *
     * @throws IllegalArgumentException when the bytes are not one
     */
    public static ArpFrame parse(byte[] frame) {
        if (frame.length < LENGTH) {
            throw new IllegalArgumentException("an ARP frame has at least " + LENGTH + " bytes, not " + frame.length);
        }
        ByteBuffer in = ByteBuffer.wrap(frame);
        if ((in.getShort(12) & 0xFFFF) != ETHERTYPE_ARP || (in.getShort(14) & 0xFFFF) != HARDWARE_ETHERNET
                || (in.getShort(16) & 0xFFFF) != PROTOCOL_IPV4 || frame[18] != 6 || frame[19] != 4) {
            throw new IllegalArgumentException("not an Ethernet/IPv4 ARP frame");
        }
        return new ArpFrame(mac(frame, 0), mac(frame, 6), in.getShort(20) & 0xFFFF,
                mac(frame, 22), Prefixes.ipv4(in.getInt(28)), mac(frame, 32), Prefixes.ipv4(in.getInt(38)));
    }

    private static MacAddress mac(byte[] frame, int offset) {
        return new MacAddress(Arrays.copyOfRange(frame, offset, offset + 6));
    }
}
