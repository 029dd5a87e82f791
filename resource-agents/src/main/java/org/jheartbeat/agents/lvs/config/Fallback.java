package org.jheartbeat.agents.lvs.config;

/** The server that takes a virtual's traffic while none of its real servers is up (weight 1). */
public record Fallback(Endpoint endpoint, Forwarding forwarding) {
}
