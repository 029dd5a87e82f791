package org.jheartbeat.agents.kernel;

import java.io.IOException;

/** The netlink exchange broke its own rules: a truncated datagram, a malformed reply, a reply too large. */
public final class NetlinkProtocolException extends IOException {

    public NetlinkProtocolException(String message) {
        super(message);
    }

    public NetlinkProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
