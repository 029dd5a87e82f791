package org.jheartbeat.core.agent;

/** A resource's arguments cannot be understood; the message says which one and why. */
public final class InvalidParametersException extends Exception {

    public InvalidParametersException(String message) {
        super(message);
    }
}
