package org.jheartbeat.core.config;

/** One physical line of a configuration file, without its line terminator. */
public record ConfigLine(int number, String text) {
}
