package org.jheartbeat.core.membership;

/** Membership could not start (a medium's interface is missing, a socket cannot be bound, ...). */
public final class MembershipException extends Exception {

    public MembershipException(String message) {
        super(message);
    }

    public MembershipException(String message, Throwable cause) {
        super(message, cause);
    }
}
