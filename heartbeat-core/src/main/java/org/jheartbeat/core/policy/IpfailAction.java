package org.jheartbeat.core.policy;

import java.time.Duration;
import java.util.Objects;

/** What the caller must do for an ipfail decision, in the order given. */
public sealed interface IpfailAction {

    /** Send a message to the partner's ipfail. */
    record SendToPartner(IpfailMessage message) implements IpfailAction {
        public SendToPartner {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Deliver {@link IpfailEvent.TimerFired} with this token after {@code delay}. */
    record StartTimer(IpfailTimer timer, Duration delay) implements IpfailAction {
        public StartTimer {
            Objects.requireNonNull(timer, "timer");
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** The timer is no longer needed (firing it anyway is harmless). */
    record CancelTimer(IpfailTimer timer) implements IpfailAction {
        public CancelTimer {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** An operator log line, with Heartbeat's ipfail text; it carries the {@code ipfail} tag. */
    record Log(LogLevel level, String text) implements IpfailAction {
        public Log {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Do exactly what {@code hb_standby ARGUMENT} does on this node ({@code all} or
     * {@code foreign}): the standby hand-off, which stops every group before the peer starts it.
     */
    record GiveUp(StandbyArgument argument) implements IpfailAction {
        public GiveUp {
            Objects.requireNonNull(argument, "argument");
        }
    }
}
