package org.jheartbeat.core.config;

import java.util.List;

/** {@code ping_group NAME ADDR...}: one ping node that is alive while any member answers. */
public record PingGroup(String name, List<String> addresses, int line) implements PingTarget {

    public PingGroup {
        addresses = List.copyOf(addresses);
    }
}
