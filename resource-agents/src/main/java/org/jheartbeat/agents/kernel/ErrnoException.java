package org.jheartbeat.agents.kernel;

import java.io.IOException;

/** A system call or a kernel reply failed with an errno; the message names the call and the errno. */
public class ErrnoException extends IOException {

    private final String operation;
    private final int errno;

    public ErrnoException(String operation, int errno) {
        this(operation, errno, "");
    }

    protected ErrnoException(String operation, int errno, String detail) {
        super(operation + ": " + Errno.name(errno) + " (" + Errno.description(errno) + ")"
                + (detail.isEmpty() ? "" : ": " + detail));
        this.operation = operation;
        this.errno = errno;
    }

    /** What failed: a system call name such as {@code bind}, or a request such as {@code RTM_NEWADDR}. */
    public String operation() {
        return operation;
    }

    /** The positive errno value, e.g. 17. */
    public int errno() {
        return errno;
    }

    /** The errno's symbolic name, e.g. {@code EEXIST}. */
    public String errnoName() {
        return Errno.name(errno);
    }
}
