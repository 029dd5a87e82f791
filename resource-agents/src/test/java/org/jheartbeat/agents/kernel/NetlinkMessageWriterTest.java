package org.jheartbeat.agents.kernel;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The writer against the worked byte images of the IPVS spec (§8), which exercise every
 * encoding: u16/u32 host order, be16, strings with padding, fixed-width addresses and nests.
 * A generic netlink header is just three fixed fields, written here by hand.
 */
class NetlinkMessageWriterTest {

    private static final int IPVS_FAMILY = 0x22;

    private static void assertBytes(String image, byte[] actual) {
        assertEquals(Hex.format(Hex.parse(image)), Hex.format(actual));
    }

    private static NetlinkMessageWriter genl(int type, int flags, int cmd) {
        return new NetlinkMessageWriter(type, flags).putU8(cmd).putU8(1).putU16(0);
    }

    @Test
    void resolveFamilyRequestMatchesSpecImage() {
        byte[] bytes = genl(0x10, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, 3)
                .attrString(2, "IPVS")
                .toBytes(1);
        assertBytes("""
                0000  20 00 00 00 10 00 05 00 01 00 00 00 00 00 00 00
                0010  03 01 00 00 09 00 02 00 49 50 56 53 00 00 00 00
                """, bytes);
    }

    @Test
    void newServiceWithNestedAttributesMatchesSpecImage() throws Exception {
        NetlinkMessageWriter w = genl(IPVS_FAMILY, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, 1);
        int service = w.beginNested(1);
        w.attrU16(1, Libc.AF_INET)
                .attrU16(2, 6)
                .attrAddress(3, InetAddress.getByName("192.168.0.100"), 16)
                .attrBe16(4, 80)
                .attrString(6, "rr")
                .attrBytes(7, new byte[] {1, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff})
                .attrU32(8, 600)
                .attrBe32(9, 0xFFFFFFFF);
        w.endNested(service);
        assertBytes("""
                0000  68 00 00 00 22 00 05 00 02 00 00 00 00 00 00 00
                0010  01 01 00 00 54 00 01 80 06 00 01 00 02 00 00 00
                0020  06 00 02 00 06 00 00 00 14 00 03 00 c0 a8 00 64
                0030  00 00 00 00 00 00 00 00 00 00 00 00 06 00 04 00
                0040  00 50 00 00 07 00 06 00 72 72 00 00 0c 00 07 00
                0050  01 00 00 00 ff ff ff ff 08 00 08 00 58 02 00 00
                0060  08 00 09 00 ff ff ff ff
                """, w.toBytes(2));
    }

    @Test
    void nestEndingInAnUnpaddedStringCountsItsPadding() {
        NetlinkMessageWriter w = genl(IPVS_FAMILY, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, 9);
        int daemon = w.beginNested(3);
        w.attrU32(1, 1).attrString(2, "eth0").attrU32(3, 0);
        w.endNested(daemon);
        assertBytes("""
                0000  34 00 00 00 22 00 05 00 05 00 00 00 00 00 00 00
                0010  09 01 00 00 20 00 03 80 08 00 01 00 01 00 00 00
                0020  09 00 02 00 65 74 68 30 00 00 00 00 08 00 03 00
                0030  00 00 00 00
                """, w.toBytes(5));
    }

    @Test
    void dumpFlagsAndU8U64Encodings() {
        byte[] bytes = new NetlinkMessageWriter(22, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP)
                .putU8(Libc.AF_INET).putU8(0).putU8(0).putU8(0).putU32(0)
                .attrU8(11, 4)
                .attrU64(6, 0x0102030405060708L)
                .toBytes(7);
        assertBytes("""
                0000  2c 00 00 00 16 00 01 03 07 00 00 00 00 00 00 00
                0010  02 00 00 00 00 00 00 00 05 00 0b 00 04 00 00 00
                0020  0c 00 06 00 08 07 06 05 04 03 02 01
                """, bytes);
    }

    @Test
    void refusesAnAttributeLongerThanSixtyFourKiB() {
        NetlinkMessageWriter w = new NetlinkMessageWriter(16, 0);
        assertThrows(IllegalArgumentException.class, () -> w.attrBytes(1, new byte[70_000]));
    }
}
