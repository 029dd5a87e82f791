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
 * @param partnerStatus    the partner's status word now ({@code active}, {@code up}, {@code init},
 *                         {@code dead}; empty without a partner). Messages go to it only while it
 *                         is {@code active} (its communications are up, so its clients run), or
 *                         {@code up} once its ipfail has spoken (its status packet saying
 *                         {@code active} is still on the way). Heartbeat's messages to a node that
 *                         is not listening are lost; queued on the hand-off stream they would reach
 *                         a starting daemon before the status packets it waits for, and make it
 *                         decide as if this node were not there
 */
public record IpfailFacts(int visiblePingNodes, boolean resourcesStable, String partnerStatus) {

    public IpfailFacts {
        java.util.Objects.requireNonNull(partnerStatus, "partnerStatus");
        if (visiblePingNodes < 0) {
            throw new IllegalArgumentException("ping node count cannot be negative: " + visiblePingNodes);
        }
    }
}
