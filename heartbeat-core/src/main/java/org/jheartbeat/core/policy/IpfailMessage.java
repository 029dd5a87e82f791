package org.jheartbeat.core.policy;

/**
 * What the two nodes' ipfail functions tell each other (Heartbeat's ipfail messages, sent to the
 * partner only). {@link Join} and {@link Leave} stand for ipfail signing on to and off from its
 * daemon, which Heartbeat's client API announces to the other node.
 */
public sealed interface IpfailMessage {

    /** The sender's ipfail started: the receiver compares ping node counts with it. */
    record Join() implements IpfailMessage {
    }

    /** The sender's ipfail stopped (its daemon is shutting down). */
    record Leave() implements IpfailMessage {
    }

    /** {@code num_ping_nodes}: "I see {@code count} ping nodes; how many do you see?" */
    record NumPingNodes(int count) implements IpfailMessage {
        public NumPingNodes {
            if (count < 0) {
                throw new IllegalArgumentException("ping node count cannot be negative: " + count);
            }
        }
    }

    /** {@code you_are_dead}: the sender sees more ping nodes; the receiver should give up everything. */
    record YouAreDead() implements IpfailMessage {
    }

    /** {@code abort_giveup}: the counts are balanced; cancel a delayed give-up. */
    record AbortGiveup() implements IpfailMessage {
    }
}
