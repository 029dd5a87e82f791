package org.jheartbeat.agents.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GenericNetlinkTest {

    @Test
    void familyLookupIsTheSpecsImage() {
        assertEquals(Hex.format(Hex.parse("""
                0000  20 00 00 00 10 00 05 00 01 00 00 00 00 00 00 00
                0010  03 01 00 00 09 00 02 00 49 50 56 53 00 00 00 00
                """)), Hex.format(SentBytes.request(GenericNetlink.getFamily("IPVS"), 1)));
    }

    @Test
    void resolvesTheControllerItselfAndRefusesUnknownFamiliesWithEnoent() throws Exception {
        try (NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_GENERIC)) {
            assertEquals(GenericNetlink.GENL_ID_CTRL, GenericNetlink.resolveFamily(socket, "nlctrl"));
            NetlinkException e = assertThrows(NetlinkException.class,
                    () -> GenericNetlink.resolveFamily(socket, "no-such-family"));
            assertEquals(Errno.ENOENT, e.errno());
        }
    }
}
