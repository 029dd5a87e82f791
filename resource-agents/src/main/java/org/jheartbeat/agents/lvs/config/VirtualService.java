package org.jheartbeat.agents.lvs.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code virtual=} section, fully resolved: addresses and ports are numeric and every
 * setting inherited from the global part of the file is filled in.
 *
 * @param line            the line of {@code virtual=}
 * @param fallbackCommand the shell command run as {@code CMD start|stop VIP:PORT PROTO}
 */
public record VirtualService(int line, VirtualKey key, Scheduling scheduling, CheckSettings check,
                             boolean quiescent, boolean cleanStop, Optional<Fallback> fallback,
                             Optional<String> fallbackCommand, List<RealServer> reals, Alerts alerts) {

    public VirtualService {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scheduling, "scheduling");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(fallbackCommand, "fallbackCommand");
        Objects.requireNonNull(alerts, "alerts");
        reals = List.copyOf(reals);
    }

    /** {@code tcp:192.168.0.100:80}, {@code fwm:1}. */
    public String id() {
        return key.id();
    }

    /** The port of the virtual, 0 for mark services. */
    public int port() {
        return key instanceof VirtualKey.Address a ? a.endpoint().port() : 0;
    }
}
