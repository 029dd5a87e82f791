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
 * @param partnerActive    whether the partner's status is {@code active} now (its communications
 *                         are up, so its clients run): only then is anything sent to it.
 *                         Heartbeat's messages to a node that is not listening are lost; queued on
 *                         the hand-off stream they would reach a starting daemon before the status
 *                         packets it waits for, and make it decide as if this node were not there
 */
public record IpfailFacts(int visiblePingNodes, boolean resourcesStable, boolean partnerActive) {

    public IpfailFacts {
        if (visiblePingNodes < 0) {
            throw new IllegalArgumentException("ping node count cannot be negative: " + visiblePingNodes);
        }
    }
}
