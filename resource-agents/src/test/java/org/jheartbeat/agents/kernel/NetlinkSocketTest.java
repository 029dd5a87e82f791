package org.jheartbeat.agents.kernel;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The socket against the running kernel, read-only requests only (nothing on this host changes):
 * generic netlink's controller, which every kernel has, and a link dump over rtnetlink.
 */
class NetlinkSocketTest {

    private static final int GENL_ID_CTRL = 0x10;
    private static final int CTRL_CMD_GETFAMILY = 3;
    private static final int CTRL_ATTR_FAMILY_ID = 1;
    private static final int CTRL_ATTR_FAMILY_NAME = 2;

    private static NetlinkMessageWriter getFamily() {
        return new NetlinkMessageWriter(GENL_ID_CTRL, 0).putU8(CTRL_CMD_GETFAMILY).putU8(1).putU16(0);
    }

    @Test
    void resolvesTheGenericNetlinkControllerByName() throws Exception {
        try (NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_GENERIC)) {
            assertTrue(socket.portId() != 0);
            NetlinkMessage reply = socket.requestOne(getFamily().attrString(CTRL_ATTR_FAMILY_NAME, "nlctrl"));
            assertEquals(GENL_ID_CTRL, reply.type());
            NetlinkAttributes attributes = reply.attributes(4);
            assertEquals("nlctrl", attributes.first(CTRL_ATTR_FAMILY_NAME).orElseThrow().string());
            assertEquals(GENL_ID_CTRL, attributes.first(CTRL_ATTR_FAMILY_ID).orElseThrow().u16());
        }
    }

    @Test
    void anUnknownFamilyIsANetlinkExceptionNamingEnoent() throws Exception {
        try (NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_GENERIC)) {
            NetlinkException e = assertThrows(NetlinkException.class, () -> socket.requestOne(
                    getFamily().attrString(CTRL_ATTR_FAMILY_NAME, "no-such-family").describedAs("resolve no-such-family")));
            assertEquals(Errno.ENOENT, e.errno());
            assertEquals("ENOENT", e.errnoName());
            assertTrue(e.getMessage().startsWith("resolve no-such-family: ENOENT"), e.getMessage());
            // The socket is still usable after an error.
            assertEquals(GENL_ID_CTRL, socket.requestOne(getFamily().attrString(CTRL_ATTR_FAMILY_NAME, "nlctrl")).type());
        }
    }

    @Test
    void aDumpThatOutgrowsTheBufferGrowsItAndLosesNothing() throws Exception {
        List<String> reference;
        try (NetlinkSocket roomy = NetlinkSocket.open(Netlink.NETLINK_GENERIC)) {
            reference = familyNames(roomy.dump(getFamily()));
        }
        try (NetlinkSocket small = NetlinkSocket.open(Netlink.NETLINK_GENERIC, NetlinkSocket.DEFAULT_REPLY_TIMEOUT, 512)) {
            List<String> names = familyNames(small.dump(getFamily()));
            assertTrue(small.receiveBufferSize() > 512, "buffer grew to " + small.receiveBufferSize());
            assertEquals(reference, names);
            assertTrue(names.contains("nlctrl"), names.toString());
            // Dumps can be repeated on the same socket.
            assertEquals(reference, familyNames(small.dump(getFamily())));
        }
    }

    private static List<String> familyNames(List<NetlinkMessage> parts) {
        return parts.stream()
                .map(m -> m.attributes(4).first(CTRL_ATTR_FAMILY_NAME).orElseThrow().string())
                .toList();
    }

    @Test
    void dumpsLinksOverRtnetlinkIncludingLoopback() throws Exception {
        try (NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
            List<NetlinkMessage> links = socket.dump(new NetlinkMessageWriter(18, 0)
                    .putU8(Libc.AF_UNSPEC).putU8(0).putU16(0).putU32(0).putU32(0).putU32(0));
            assertFalse(links.isEmpty());
            assertTrue(links.stream().allMatch(m -> m.type() == 16));
            assertTrue(links.stream().anyMatch(m -> m.attributes(16).first(3).orElseThrow().string().equals("lo")));
        }
    }

    @Test
    void aDatagramFromAnotherUserSpaceSocketIsDroppedAndCounted() throws Exception {
        try (NetlinkSocket victim = NetlinkSocket.open(Netlink.NETLINK_GENERIC);
             Arena arena = Arena.ofConfined()) {
            int forger = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Netlink.NETLINK_GENERIC);
            try {
                // A forged "success" acknowledgement, addressed to the victim's port.
                byte[] ack = Hex.parse("""
                        24 00 00 00 02 00 00 01 00 00 00 00 00 00 00 00
                        00 00 00 00 20 00 00 00 10 00 05 00 00 00 00 00
                        00 00 00 00
                        """);
                MemorySegment buffer = arena.allocateFrom(ValueLayout.JAVA_BYTE, ack);
                MemorySegment destination = arena.allocate(12, 4);
                destination.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
                destination.set(ValueLayout.JAVA_INT, 4, victim.portId());
                Libc.sendto(forger, buffer, ack.length, 0, destination);
            } finally {
                Libc.close(forger);
            }
            NetlinkMessage reply = victim.requestOne(getFamily().attrString(CTRL_ATTR_FAMILY_NAME, "nlctrl"));
            assertEquals(GENL_ID_CTRL, reply.type());
            assertEquals(1, victim.droppedMessages());
        }
    }

    @Test
    void aSystemCallFailureNamesTheCallAndTheErrno() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW, 4711));
        assertEquals("socket", e.operation());
        assertEquals(Errno.EPROTONOSUPPORT, e.errno());
        assertEquals("socket: EPROTONOSUPPORT (Protocol not supported)", e.getMessage());
    }

    @Test
    void closingTwiceIsHarmlessAndAClosedSocketRefusesWork() throws Exception {
        NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_GENERIC);
        socket.close();
        socket.close();
        assertThrows(IllegalStateException.class, () -> socket.dump(getFamily()));
    }
}
