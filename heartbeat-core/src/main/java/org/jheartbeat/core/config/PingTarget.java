package org.jheartbeat.core.config;

import java.util.List;

/**
 * A ping node: a pseudo-node that is "up" while it answers ICMP echo. Ping nodes never own
 * resources; ipfail compares how many each node can reach.
 */
public sealed interface PingTarget permits PingNode, PingGroup {

    /** The node name shown by cl_status: the address as written, or the group's name. */
    String name();

    /** The addresses pinged; the target is alive while any of them answers. */
    List<String> addresses();

    int line();
}
