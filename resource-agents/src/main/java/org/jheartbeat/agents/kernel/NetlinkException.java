package org.jheartbeat.agents.kernel;

import java.util.Optional;

/**
 * The kernel refused a netlink request ({@code NLMSG_ERROR} with a negative error, or a dump
 * that ended with one). Carries the kernel's extended-ack text when it sent one.
 */
public final class NetlinkException extends ErrnoException {

    private final String kernelMessage;

    public NetlinkException(String request, int errno, String kernelMessage) {
        super(request, errno, kernelMessage == null ? "" : kernelMessage);
        this.kernelMessage = kernelMessage == null ? "" : kernelMessage;
    }

    /** The kernel's own explanation ({@code NLMSGERR_ATTR_MSG}), if it gave one. */
    public Optional<String> kernelMessage() {
        return kernelMessage.isEmpty() ? Optional.empty() : Optional.of(kernelMessage);
    }
}
