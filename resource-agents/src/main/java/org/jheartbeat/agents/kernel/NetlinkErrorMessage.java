package org.jheartbeat.agents.kernel;

import java.nio.ByteBuffer;

/**
 * The content of an {@code NLMSG_ERROR} message: {@code struct nlmsgerr} (error, then the
 * request's header, then - unless capped - the request's payload), then extended-ack attributes.
 *
 * @param error          0 for an acknowledgement, else a negative errno
 * @param requestType    the {@code nlmsg_type} of the request being answered
 * @param requestSeq     its sequence number
 * @param kernelMessage  {@code NLMSGERR_ATTR_MSG}, or empty
 */
public record NetlinkErrorMessage(int error, int requestType, int requestSeq, String kernelMessage) {

    private static final int NLMSGERR_LENGTH = 4 + Netlink.HEADER_LENGTH;

    public boolean isAck() {
        return error == 0;
    }

    public static NetlinkErrorMessage parse(NetlinkMessage message) {
        if (message.type() != Netlink.NLMSG_ERROR) {
            throw new IllegalArgumentException("not an NLMSG_ERROR: " + message);
        }
        ByteBuffer body = message.payload();
        if (body.remaining() < NLMSGERR_LENGTH) {
            throw new MalformedNetlinkException("NLMSG_ERROR with " + body.remaining() + " bytes, needs " + NLMSGERR_LENGTH);
        }
        int error = body.getInt(0);
        int requestLength = body.getInt(4);
        int requestType = body.getShort(8) & 0xFFFF;
        int requestSeq = body.getInt(12);
        String text = "";
        if (message.hasFlag(Netlink.NLM_F_ACK_TLVS)) {
            int tlvStart = NLMSGERR_LENGTH;
            if (error != 0 && !message.hasFlag(Netlink.NLM_F_CAPPED)) {
                tlvStart += Netlink.align(Math.max(0, requestLength - Netlink.HEADER_LENGTH));
            }
            if (tlvStart <= body.remaining()) {
                text = NetlinkAttributes.parse(body.slice(tlvStart, body.remaining() - tlvStart))
                        .first(Netlink.NLMSGERR_ATTR_MSG).map(NetlinkAttribute::string).orElse("");
            }
        }
        return new NetlinkErrorMessage(error, requestType, requestSeq, text);
    }
}
