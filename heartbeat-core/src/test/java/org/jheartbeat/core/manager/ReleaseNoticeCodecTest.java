package org.jheartbeat.core.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.jheartbeat.core.policy.HoldSet;
import org.junit.jupiter.api.Test;

class ReleaseNoticeCodecTest {

    @Test
    void everySetRoundTripsInThreeBytes() throws IOException {
        for (HoldSet set : HoldSet.values()) {
            byte[] bytes = ReleaseNoticeCodec.encode(set);
            assertArrayEquals(new byte[] {'R', 1, (byte) set.ordinal()}, bytes);
            assertTrue(ReleaseNoticeCodec.isReleaseNotice(bytes));
            assertEquals(set, ReleaseNoticeCodec.decode(bytes));
        }
    }

    @Test
    void otherHandoffPayloadsAreNotReleaseNotices() {
        assertFalse(ReleaseNoticeCodec.isReleaseNotice(PeerMessageCodec.encode(
                new org.jheartbeat.core.policy.PeerMessage.Starting(7))));
        assertFalse(ReleaseNoticeCodec.isReleaseNotice(IpfailMessageCodec.encode(
                new org.jheartbeat.core.policy.IpfailMessage.Join())));
        assertFalse(ReleaseNoticeCodec.isReleaseNotice(new byte[0]));
    }

    @Test
    void malformedNoticesSayWhatIsWrong() {
        assertEquals("release notice version 2, expected 1",
                assertThrows(IOException.class, () -> ReleaseNoticeCodec.decode(new byte[] {'R', 2, 0})).getMessage());
        assertEquals("release notice for unknown set 9",
                assertThrows(IOException.class, () -> ReleaseNoticeCodec.decode(new byte[] {'R', 1, 9})).getMessage());
        assertEquals("not a release notice (4 bytes)",
                assertThrows(IOException.class, () -> ReleaseNoticeCodec.decode(new byte[] {'R', 1, 0, 0})).getMessage());
    }
}
