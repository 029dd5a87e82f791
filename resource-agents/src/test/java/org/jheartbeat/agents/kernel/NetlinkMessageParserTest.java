package org.jheartbeat.agents.kernel;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing replies as the kernel sends them: several messages per datagram, acks, errors, nests. */
class NetlinkMessageParserTest {

    private static List<NetlinkMessage> parse(String image) {
        return NetlinkMessage.parseAll(ByteBuffer.wrap(Hex.parse(image)));
    }

    @Test
    void splitsADatagramAtAlignedBoundaries() throws Exception {
        // Two RTM_NEWADDR parts of a dump (ifaddrmsg + IFA_LOCAL + IFA_LABEL "lo"), then NLMSG_DONE.
        List<NetlinkMessage> messages = parse("""
                0000  28 00 00 00 14 00 02 00 09 00 00 00 2a 00 00 00
                0010  02 08 80 fe 01 00 00 00 08 00 02 00 7f 00 00 01
                0020  07 00 03 00 6c 6f 00 00
                0028  26 00 00 00 14 00 02 00 09 00 00 00 2a 00 00 00
                0038  02 18 00 00 02 00 00 00 08 00 02 00 0a 00 00 05
                0048  06 00 03 00 65 00 00 00
                0050  14 00 00 00 03 00 02 00 09 00 00 00 2a 00 00 00
                0060  00 00 00 00
                """);
        assertEquals(3, messages.size());
        NetlinkMessage first = messages.get(0);
        assertEquals(20, first.type());
        assertTrue(first.hasFlag(Netlink.NLM_F_MULTI));
        assertEquals(9, first.seq());
        assertEquals(42, first.portId());
        assertEquals(8, first.payload().get(1));
        NetlinkAttributes attributes = first.attributes(8);
        assertEquals(InetAddress.getByName("127.0.0.1"), attributes.first(2).orElseThrow().address());
        assertEquals("lo", attributes.first(3).orElseThrow().string());
        assertEquals(38, messages.get(1).length());
        assertEquals("e", messages.get(1).attributes(8).first(3).orElseThrow().string());
        assertEquals(Netlink.NLMSG_DONE, messages.get(2).type());
    }

    @Test
    void readsAnAckAsTheKernelSendsIt() {
        // obs: 36 bytes, flags NLM_F_CAPPED, error 0, the request's header echoed.
        NetlinkMessage ack = parse("""
                0000  24 00 00 00 02 00 00 01 05 00 00 00 2a 00 00 00
                0010  00 00 00 00 28 00 00 00 14 00 05 06 05 00 00 00
                0020  00 00 00 00
                """).getFirst();
        NetlinkErrorMessage error = NetlinkErrorMessage.parse(ack);
        assertTrue(error.isAck());
        assertEquals(20, error.requestType());
        assertEquals(5, error.requestSeq());
    }

    @Test
    void readsAnErrorWithTheKernelsExplanation() {
        // error -34 (ERANGE), capped, with NLMSGERR_ATTR_MSG "Label too long".
        NetlinkMessage message = parse("""
                0000  38 00 00 00 02 00 00 03 06 00 00 00 2a 00 00 00
                0010  de ff ff ff 40 00 00 00 14 00 05 06 06 00 00 00
                0020  00 00 00 00 13 00 01 00 4c 61 62 65 6c 20 74 6f
                0030  6f 20 6c 6f 6e 67 00 00
                """).getFirst();
        NetlinkErrorMessage error = NetlinkErrorMessage.parse(message);
        assertFalse(error.isAck());
        assertEquals(-34, error.error());
        assertEquals("Label too long", error.kernelMessage());
        NetlinkException exception = new NetlinkException("RTM_NEWADDR", -error.error(), error.kernelMessage());
        assertEquals("ERANGE", exception.errnoName());
        assertEquals("RTM_NEWADDR: ERANGE (Numerical result out of range): Label too long", exception.getMessage());
    }

    @Test
    void readsAnUncappedErrorSkippingTheEchoedRequest() {
        // error -2 (ENOENT) for the 32-byte GETFAMILY request, echoed in full (not capped), no TLVs.
        NetlinkMessage message = parse("""
                0000  34 00 00 00 02 00 00 00 01 00 00 00 2a 00 00 00
                0010  fe ff ff ff 20 00 00 00 10 00 05 00 01 00 00 00
                0020  00 00 00 00 03 01 00 00 09 00 02 00 49 50 56 53
                0030  00 00 00 00
                """).getFirst();
        NetlinkErrorMessage error = NetlinkErrorMessage.parse(message);
        assertEquals(-2, error.error());
        assertEquals(0x10, error.requestType());
        assertEquals("", error.kernelMessage());
    }

    @Test
    void readsNestedAttributesWithOrWithoutTheNestedFlag() {
        // A genl reply: header, then nest 1 (flag set) holding u16 5 and be16 80, then nest 2 (no flag).
        NetlinkMessage message = parse("""
                0000  34 00 00 00 22 00 00 00 01 00 00 00 00 00 00 00
                0010  01 01 00 00 14 00 01 80 06 00 01 00 05 00 00 00
                0020  06 00 04 00 00 50 00 00 0c 00 02 00 08 00 01 00
                0030  ff ff ff ff
                """).getFirst();
        NetlinkAttributes top = message.attributes(4);
        NetlinkAttribute first = top.first(1).orElseThrow();
        assertTrue(first.hasNestedFlag());
        assertEquals(5, first.nested().first(1).orElseThrow().u16());
        assertEquals(80, first.nested().first(4).orElseThrow().be16());
        NetlinkAttribute second = top.first(2).orElseThrow();
        assertFalse(second.hasNestedFlag());
        assertEquals(0xFFFFFFFFL, Integer.toUnsignedLong(second.nested().first(1).orElseThrow().u32()));
    }

    @Test
    void rejectsLengthsThatPointOutsideTheDatagram() {
        assertThrows(MalformedNetlinkException.class, () -> parse("ff 00 00 00 10 00 00 00 01 00 00 00 00 00 00 00"));
        assertThrows(MalformedNetlinkException.class, () -> parse("08 00 00 00 10 00 00 00 01 00 00 00 00 00 00 00"));
        NetlinkMessage badAttribute = parse("""
                14 00 00 00 10 00 00 00 01 00 00 00 00 00 00 00
                40 00 01 00
                """).getFirst();
        assertThrows(MalformedNetlinkException.class, () -> badAttribute.attributes(0));
    }

    @Test
    void refusesToReadAValueLongerThanThePayload() {
        NetlinkMessage message = parse("""
                18 00 00 00 10 00 00 00 01 00 00 00 00 00 00 00
                06 00 01 00 01 02 00 00
                """).getFirst();
        NetlinkAttribute twoBytes = message.attributes(0).first(1).orElseThrow();
        assertEquals(0x0201, twoBytes.u16());
        assertThrows(MalformedNetlinkException.class, twoBytes::u32);
        assertThrows(MalformedNetlinkException.class, twoBytes::address);
    }
}
