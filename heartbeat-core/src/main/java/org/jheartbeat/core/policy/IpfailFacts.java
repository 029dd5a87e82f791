package org.jheartbeat.core.policy;

/**
 * What ipfail reads from its daemon when it handles an event, as Heartbeat's ipfail queries the
 * daemon instead of keeping its own copy: the daemon's table is always at least as new as the
 * event (a link's death and its node's death are reported one after the other but happen
 * together).
 *
 * @param visiblePingNodes how many ping nodes have status {@code ping} now
 * @param resourcesStable  whether {@code cl_status rscstatus} would print anything but
 *                         {@code transition} now
 */
public record IpfailFacts(int visiblePingNodes, boolean resourcesStable) {

    public IpfailFacts {
        if (visiblePingNodes < 0) {
            throw new IllegalArgumentException("ping node count cannot be negative: " + visiblePingNodes);
        }
    }
}
