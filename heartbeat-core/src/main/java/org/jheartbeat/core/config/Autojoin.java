package org.jheartbeat.core.config;

/** ha.cf {@code autojoin}: whether nodes not listed with {@code node} may join. */
public enum Autojoin {
    NONE, OTHER, ANY
}
