package org.jheartbeat.core.policy;

import java.time.Duration;
import java.util.Objects;

/** What the caller must do for a decision, in the order given. */
public sealed interface PolicyAction {

    /** Run the group's resources left to right (status, then start); report GroupStarted/StartFailed. */
    record StartGroup(String key) implements PolicyAction {
        public StartGroup {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * The peer is about to hand this group over: run its status probes now, while the peer is
     * still stopping it, so the start that follows need not. A probe that found a resource
     * stopped may stand in for the start's own probe of it for {@code validFor}.
     */
    record ProbeAhead(String key, Duration validFor) implements PolicyAction {
        public ProbeAhead {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(validFor, "validFor");
        }
    }

    /** Stop every resource of the group right to left, even if not running; report GroupStopped/StopFailed. */
    record StopGroup(String key) implements PolicyAction {
        public StopGroup {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Send a hand-off message to the peer. */
    record SendToPeer(PeerMessage message) implements PolicyAction {
        public SendToPeer {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Deliver {@link PolicyEvent.TimerFired} with this token after {@code delay}. */
    record StartTimer(TimerToken token, Duration delay) implements PolicyAction {
        public StartTimer {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** The timer is no longer needed (firing it anyway is harmless). */
    record CancelTimer(TimerToken token) implements PolicyAction {
        public CancelTimer {
            Objects.requireNonNull(token, "token");
        }
    }

    /** An operator log line (Heartbeat's text where Heartbeat has one). */
    record Log(LogLevel level, String text) implements PolicyAction {
        public Log {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Send gratuitous ARPs again for the group's addresses: after a healed partition the other
     * node's announcements may have pointed neighbours at it.
     */
    record ReannounceAddresses(String key) implements PolicyAction {
        public ReannounceAddresses {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * The group could not be stopped and may still run. The policy keeps it held, so no hand-off
     * completes and the peer never starts it; only resetting this node resolves it (Heartbeat
     * reboots here).
     */
    record StopFailureEscalation(String key) implements PolicyAction {
        public StopFailureEscalation {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Every group is released and the peer was told: the daemon may exit. */
    record ShutdownComplete() implements PolicyAction {
    }
}
