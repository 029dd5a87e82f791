package org.jheartbeat.core.policy;

import java.util.Objects;

/** Everything ipfail reacts to. */
public sealed interface IpfailEvent {

    /** Communications are up: the daemon starts its clients, ipfail among them. */
    record Start() implements IpfailEvent {
    }

    /** The daemon is shutting down and stops its clients. */
    record Stop() implements IpfailEvent {
    }

    /** A node's status changed; {@code status} is Heartbeat's word ({@code dead}, {@code ping}, {@code active}...). */
    record NodeStatusChanged(String node, String status) implements IpfailEvent {
        public NodeStatusChanged {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(status, "status");
        }
    }

    /** One of a node's links changed ({@code up} or {@code dead}); a ping node's link is named after it. */
    record LinkStatusChanged(String node, String link, String status) implements IpfailEvent {
        public LinkStatusChanged {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(status, "status");
        }
    }

    /** The partner's daemon restarted: its ipfail is gone until it signs on again. */
    record PartnerRestarted() implements IpfailEvent {
    }

    /** A message from the partner's ipfail. */
    record FromPartner(IpfailMessage message) implements IpfailEvent {
        public FromPartner {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The partner announced stable holdings (a {@code resource} message without {@code info}). */
    record PartnerStable() implements IpfailEvent {
    }

    /** A timer asked for with {@link IpfailAction.StartTimer} has run out. */
    record TimerFired(IpfailTimer timer) implements IpfailEvent {
        public TimerFired {
            Objects.requireNonNull(timer, "timer");
        }
    }
}
