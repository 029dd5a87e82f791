package org.jheartbeat.core.config;

import java.util.List;

/** One address from a {@code ping} line; its node name is the address as written. */
public record PingNode(String address, int line) implements PingTarget {

    @Override
    public String name() {
        return address;
    }

    @Override
    public List<String> addresses() {
        return List.of(address);
    }
}
