package org.jheartbeat.core.control;

/** Turns one well-formed control request into the text sent back before the socket closes. */
@FunctionalInterface
public interface ControlHandler {

    String answer(ControlRequest request);
}
