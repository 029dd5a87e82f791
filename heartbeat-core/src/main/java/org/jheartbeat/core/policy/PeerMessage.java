package org.jheartbeat.core.policy;

import java.util.Objects;
import java.util.Set;

/**
 * The resource hand-off messages two nodes exchange (Heartbeat's {@code starting},
 * {@code resource}, {@code ask_resources}, {@code hb_takeover}, {@code shutdone},
 * {@code ip-request}, {@code ip-request-resp}). Sets are named from the sender's point of view.
 */
public sealed interface PeerMessage {

    /**
     * "I am starting; tell me what you hold."
     *
     * @param incarnation identifies this run of the sender's daemon (Heartbeat's generation);
     *                    the answer echoes it, so an older announcement still in flight is
     *                    never taken for the answer
     */
    record Starting(long incarnation) implements PeerMessage {
    }

    /**
     * What the sender holds: every group it claims plus every group it has not finished
     * stopping, so a receiver that trusts it never starts a group the sender still runs.
     *
     * @param stable  whether the sender has no resource work or standby in progress
     * @param failed  groups whose start failed on the sender (it will not run them)
     * @param replyTo the incarnation of the {@link Starting} this answers, 0 when unasked
     */
    record ResourceAnnouncement(HoldSet holds, boolean stable, Info info, Set<String> failed, long replyTo)
            implements PeerMessage {

        public enum Info { NONE, STANDBY, SHUTDOWN }

        public ResourceAnnouncement {
            Objects.requireNonNull(holds, "holds");
            Objects.requireNonNull(info, "info");
            failed = Set.copyOf(failed);
        }
    }

    /** One step of the standby protocol for {@code set} (named by the node going standby). */
    record AskResources(HoldSet set, StandbyStep step) implements PeerMessage {

        public enum StandbyStep {
            /** The sender wants to give {@code set} up. */
            ME,
            /** The receiver of ME can take it. */
            OTHER,
            /** The giver stopped everything in the set / the taker started it. */
            DONE;

            /** The word Heartbeat puts in {@code info=}. */
            public String word() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        public AskResources {
            Objects.requireNonNull(set, "set");
            Objects.requireNonNull(step, "step");
        }
    }

    /** {@code hb_takeover ARG} run on the sender: the receiver should go standby (mapped set). */
    record TakeoverRequest(StandbyArgument argument) implements PeerMessage {
        public TakeoverRequest {
            Objects.requireNonNull(argument, "argument");
        }
    }

    /** "I released everything and am stopping." */
    record Shutdone() implements PeerMessage {
    }

    /**
     * Names one ip-request: the requester's incarnation and a number it never reuses in that
     * incarnation, so a late answer to an older request is never taken for the current one.
     */
    record RequestId(long incarnation, long sequence) {
    }

    /** Legacy mode: "please release group {@code key}" (the sender is its home node). */
    record IpRequest(String key, RequestId id) implements PeerMessage {
        public IpRequest {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(id, "id");
        }
    }

    /** Legacy mode: group {@code key} is not running here (any more); {@code weOwned} if it was. */
    record IpRequestResponse(String key, RequestId id, boolean weOwned) implements PeerMessage {
        public IpRequestResponse {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(id, "id");
        }
    }
}
