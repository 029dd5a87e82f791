package org.jheartbeat.core.config;

import java.time.Duration;

/**
 * The heartbeat timers with Heartbeat's computed defaults applied (see {@link HaCfParser}).
 *
 * @param keepalive interval between status packets
 * @param deadtime  silence after which a node is declared dead
 * @param warntime  silence after which a late heartbeat is logged
 * @param initdead  dead time used until communications are first up
 * @param deadping  dead time for ping nodes
 */
public record Timers(Duration keepalive, Duration deadtime, Duration warntime, Duration initdead,
                     Duration deadping) {
}
