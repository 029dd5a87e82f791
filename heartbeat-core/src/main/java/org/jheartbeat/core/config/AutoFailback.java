package org.jheartbeat.core.config;

/**
 * ha.cf {@code auto_failback}. {@code ON} and {@code OFF} use the "nice failback" protocol;
 * {@code LEGACY} (the default) is the old behaviour in which hb_standby, hb_takeover and ipfail
 * do nothing.
 */
public enum AutoFailback {
    ON, OFF, LEGACY
}
