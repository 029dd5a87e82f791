package org.jheartbeat.agents.lvs.config;

import java.util.Optional;

/**
 * A {@code real=} line checked for shape; addresses and the port become numbers once the
 * section's protocol is known.
 *
 * @param rangeEnd the {@code ->ADDR2} part of an IPv4 range
 */
record RealDraft(String host, Optional<String> rangeEnd, Optional<String> port, boolean ipv6,
                 Forwarding forwarding, int weight, Optional<String> request, Optional<String> receive,
                 int lowerThreshold, int upperThreshold, int line) {
}
