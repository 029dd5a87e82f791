package org.jheartbeat.agents.kernel;

import java.net.InetAddress;
import java.util.Optional;

/**
 * An IPv4/IPv6 route from an {@code RTM_GETROUTE} dump.
 *
 * @param table       routing table (254 main, 255 local), from {@code RTA_TABLE} when present
 * @param destination {@code RTA_DST}; empty for a default route
 * @param prefixLength {@code rtm_dst_len}
 * @param scope       RT_SCOPE_*
 * @param type        RTN_* (1 unicast, 2 local, 3 broadcast)
 * @param protocol    RTPROT_* (2 kernel, 3 boot, 4 static)
 * @param outputIfindex {@code RTA_OIF}, 0 when absent
 * @param preferredSource {@code RTA_PREFSRC}
 * @param gateway     {@code RTA_GATEWAY}
 */
public record Route(int table, Optional<InetAddress> destination, int prefixLength, int scope, int type, int protocol,
                    int outputIfindex, Optional<InetAddress> preferredSource, Optional<InetAddress> gateway) {

    /** Whether {@code address} lies inside this route's destination prefix. */
    public boolean contains(InetAddress address) {
        if (destination.isEmpty()) {
            return prefixLength == 0;
        }
        return Prefixes.sameNetwork(destination.get(), address, prefixLength);
    }
}
