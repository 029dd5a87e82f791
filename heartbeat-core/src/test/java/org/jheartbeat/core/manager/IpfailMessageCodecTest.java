package org.jheartbeat.core.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;

import org.jheartbeat.core.policy.IpfailMessage;
import org.jheartbeat.core.policy.PeerMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpfailMessageCodecTest {

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    @Test
    void goldenBytes() {
        assertArrayEquals(hex("490101"), IpfailMessageCodec.encode(new IpfailMessage.Join()));
        assertArrayEquals(hex("490102"), IpfailMessageCodec.encode(new IpfailMessage.Leave()));
        assertArrayEquals(hex("4901030002"), IpfailMessageCodec.encode(new IpfailMessage.NumPingNodes(2)));
        assertArrayEquals(hex("490104"), IpfailMessageCodec.encode(new IpfailMessage.YouAreDead()));
        assertArrayEquals(hex("490105"), IpfailMessageCodec.encode(new IpfailMessage.AbortGiveup()));
    }

    @Test
    void everyMessageSurvivesTheRoundTrip() throws IOException {
        for (IpfailMessage message : List.of(new IpfailMessage.Join(), new IpfailMessage.Leave(),
                new IpfailMessage.NumPingNodes(0), new IpfailMessage.NumPingNodes(IpfailMessageCodec.MAX_PING_NODES),
                new IpfailMessage.YouAreDead(), new IpfailMessage.AbortGiveup())) {
            byte[] bytes = IpfailMessageCodec.encode(message);
            assertTrue(IpfailMessageCodec.isIpfail(bytes));
            assertEquals(message, IpfailMessageCodec.decode(bytes));
        }
    }

    @Test
    void resourceHandOffMessagesAreNotTakenForIpfailOnes() {
        assertFalse(IpfailMessageCodec.isIpfail(PeerMessageCodec.encode(new PeerMessage.Shutdone())));
        assertFalse(IpfailMessageCodec.isIpfail(PeerMessageCodec.encode(new PeerMessage.Starting(0x49))));
        assertFalse(IpfailMessageCodec.isIpfail(new byte[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "49", "4901", "4902 01", "490100", "490106", "4901ff", "49010300", "4901030401",
            "490101 00", "4901030002 00", "01 01"})
    void malformedPayloadsAreRejectedWithAReason(String text) {
        IOException e = assertThrows(IOException.class, () -> IpfailMessageCodec.decode(hex(text.replace(" ", ""))));
        assertFalse(e.getMessage() == null, text);
    }

    @Test
    void theReasonNamesWhatIsWrong() {
        assertEquals("ipfail message version 2, expected 1",
                assertThrows(IOException.class, () -> IpfailMessageCodec.decode(hex("490201"))).getMessage());
        assertEquals("unknown ipfail message type 9",
                assertThrows(IOException.class, () -> IpfailMessageCodec.decode(hex("490109"))).getMessage());
        assertEquals("ping node count 1025 exceeds 1024",
                assertThrows(IOException.class, () -> IpfailMessageCodec.decode(hex("4901030401"))).getMessage());
        assertEquals("1 bytes after a Join ipfail message",
                assertThrows(IOException.class, () -> IpfailMessageCodec.decode(hex("49010100"))).getMessage());
    }

    @Test
    void aCountTooBigForTheWireIsNotEncoded() {
        assertThrows(IllegalArgumentException.class,
                () -> IpfailMessageCodec.encode(new IpfailMessage.NumPingNodes(IpfailMessageCodec.MAX_PING_NODES + 1)));
    }
}
