package org.jheartbeat.agents.kernel;

/** Bytes that do not form the netlink message or attribute they claim to be. */
public final class MalformedNetlinkException extends RuntimeException {

    public MalformedNetlinkException(String message) {
        super(message);
    }
}
