package org.jheartbeat.core.policy;

import java.util.List;
import java.util.Objects;

/** Ipfail's answer to one event: its next state and what to do, in order. */
public record IpfailDecision(IpfailState state, List<IpfailAction> actions) {

    public IpfailDecision {
        Objects.requireNonNull(state, "state");
        actions = List.copyOf(actions);
    }
}
