package org.jheartbeat.agents.kernel;

import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The gratuitous ARP frame of resource-agents spec §6.2, byte for byte (VIP 10.88.0.100, MAC 2a:0f:f9:bc:e7:c8). */
class ArpFrameTest {

    private static final MacAddress MAC = MacAddress.parse("2a:0f:f9:bc:e7:c8");

    private static Inet4Address vip() throws Exception {
        return (Inet4Address) InetAddress.getByName("10.88.0.100");
    }

    @Test
    void requestForm() throws Exception {
        byte[] frame = ArpFrame.gratuitous(ArpFrame.REQUEST, MAC, MAC, vip()).toBytes();
        assertEquals(Hex.format(Hex.parse("""
                0000  ff ff ff ff ff ff 2a 0f f9 bc e7 c8 08 06 00 01   broadcast, from MAC, ARP; hw Ethernet
                0010  08 00 06 04 00 01 2a 0f f9 bc e7 c8 0a 58 00 64   IPv4, 6/4, request; sender MAC, VIP
                0020  00 00 00 00 00 00 0a 58 00 64                     target 00:00:00:00:00:00, VIP
                """)), Hex.format(frame));
    }

    @Test
    void replyForm() throws Exception {
        byte[] frame = ArpFrame.gratuitous(ArpFrame.REPLY, MAC, MAC, vip()).toBytes();
        assertEquals(Hex.format(Hex.parse("""
                0000  ff ff ff ff ff ff 2a 0f f9 bc e7 c8 08 06 00 01
                0010  08 00 06 04 00 02 2a 0f f9 bc e7 c8 0a 58 00 64   reply
                0020  2a 0f f9 bc e7 c8 0a 58 00 64                     target MAC = sender MAC
                """)), Hex.format(frame));
    }

    @Test
    void anAnnouncedMacOtherThanTheInterfacesGoesIntoTheArpFieldsOnly() throws Exception {
        MacAddress other = MacAddress.parse("02:00:00:00:00:01");
        ArpFrame reply = ArpFrame.parse(ArpFrame.gratuitous(ArpFrame.REPLY, MAC, other, vip()).toBytes());
        assertEquals(MAC, reply.ethernetSource());
        assertEquals(other, reply.senderMac());
        assertEquals(other, reply.targetMac());
    }

    @Test
    void parsesPaddedFramesAndRejectsOthers() throws Exception {
        byte[] padded = new byte[60];
        System.arraycopy(ArpFrame.gratuitous(ArpFrame.REQUEST, MAC, MAC, vip()).toBytes(), 0, padded, 0, 42);
        ArpFrame frame = ArpFrame.parse(padded);
        assertEquals(ArpFrame.REQUEST, frame.operation());
        assertEquals(vip(), frame.senderIp());
        assertEquals(MacAddress.ZERO, frame.targetMac());
        padded[13] = 0x00;
        assertThrows(IllegalArgumentException.class, () -> ArpFrame.parse(padded));
        assertThrows(IllegalArgumentException.class, () -> ArpFrame.parse(new byte[41]));
    }
}
