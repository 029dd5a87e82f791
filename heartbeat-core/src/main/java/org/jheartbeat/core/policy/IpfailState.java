package org.jheartbeat.core.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything ipfail remembers, immutable. Only {@link Ipfail} makes new ones.
 *
 * @param partnerOnline the partner's ipfail has signed on (or spoken) since its daemon last
 *                      started, and has neither signed off nor died since
 * @param signedOn      this node's ipfail told the partner's current run that it runs ({@code Join});
 *                      it does so as soon as it runs and the partner is active
 * @param giveup        the delayed give-up waiting for its timer
 * @param needStandby   a give-up fired while resources were in transition: count again once
 *                      the partner announces stable holdings
 * @param recount       the wait before that count, while it runs
 * @param nextId        makes every timer token unique
 */
public record IpfailState(Phase phase, boolean partnerOnline, boolean signedOn, Optional<PendingGiveup> giveup, boolean needStandby,
                          Optional<IpfailTimer> recount, long nextId) {

    public enum Phase {
        /** Communications are not up yet (or ha.cf runs no ipfail). */
        WAITING,
        RUNNING,
        /** It would have exited at start: no managed resources, or auto_failback legacy. */
        DISABLED,
        /** The daemon is shutting down. */
        STOPPED
    }

    /** A give-up of {@code argument}'s set, due when {@code timer} fires. */
    public record PendingGiveup(StandbyArgument argument, IpfailTimer timer) {
        public PendingGiveup {
            Objects.requireNonNull(argument, "argument");
            Objects.requireNonNull(timer, "timer");
        }
    }

    public IpfailState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(giveup, "giveup");
        Objects.requireNonNull(recount, "recount");
    }

    public static IpfailState initial() {
        return new IpfailState(Phase.WAITING, false, false, Optional.empty(), false, Optional.empty(), 1);
    }

    /** Whether this node's ipfail runs: what {@code cl_status clientstatus LOCAL ipfail} reports. */
    public boolean running() {
        return phase == Phase.RUNNING;
    }
}
