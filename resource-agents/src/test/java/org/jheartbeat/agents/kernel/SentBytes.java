package org.jheartbeat.agents.kernel;

/** The exact bytes {@link NetlinkSocket} sends for a request, for golden-byte tests of request builders. */
public final class SentBytes {

    private SentBytes() {
    }

    /** As {@link NetlinkSocket#request} sends it: REQUEST | ACK plus the writer's flags. */
    public static byte[] request(NetlinkMessageWriter writer, int seq) {
        return writer.toBytes(seq, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | writer.flags());
    }

    /** As {@link NetlinkSocket#dump} sends it: REQUEST | DUMP plus the writer's flags. */
    public static byte[] dump(NetlinkMessageWriter writer, int seq) {
        return writer.toBytes(seq, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP | writer.flags());
    }
}
