package org.jheartbeat.core.manager;

import java.io.IOException;

import org.jheartbeat.core.policy.HoldSet;

/**
 * The bytes of a release notice on the hand-off stream: the giver of a hand-over sends it from
 * inside the stop of the set's last group, the moment its last resource is gone (see
 * {@link org.jheartbeat.core.agent.ResourceAgent#stop(org.jheartbeat.core.agent.AgentContext,
 * java.util.Map, Runnable)}), ahead of its policy's announcement and "done". The taker fires
 * the start it prepared for that set on it (see {@link ArmedTakeover}); its policy still acts on
 * the "done" alone.
 *
 * <p>Three bytes: a marker no other hand-off payload starts with ('R'; resource hand-off
 * messages start with their version, 1, ipfail messages with 'I'), a version, and the set.
 */
final class ReleaseNoticeCodec {

    static final byte MARKER = 0x52;
    private static final byte VERSION = 1;

    private ReleaseNoticeCodec() {
    }

    static boolean isReleaseNotice(byte[] payload) {
        return payload.length > 0 && payload[0] == MARKER;
    }

    static byte[] encode(HoldSet released) {
        return new byte[] {MARKER, VERSION, (byte) released.ordinal()};
    }

    /** @throws IOException naming what is wrong when the bytes are not a release notice of this version */
    static HoldSet decode(byte[] payload) throws IOException {
        if (payload.length != 3 || payload[0] != MARKER) {
            throw new IOException("not a release notice (" + payload.length + " bytes)");
        }
        if (payload[1] != VERSION) {
            throw new IOException("release notice version " + payload[1] + ", expected " + VERSION);
        }
        int set = payload[2];
        if (set < 0 || set >= HoldSet.values().length) {
            throw new IOException("release notice for unknown set " + set);
        }
        return HoldSet.values()[set];
    }
}
