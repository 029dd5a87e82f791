package org.jheartbeat.core.policy;

import java.util.List;
import java.util.Objects;

/** The policy's answer to one event: the next state and what to do, in order. */
public record Decision(PolicyState state, List<PolicyAction> actions) {

    public Decision {
        Objects.requireNonNull(state, "state");
        actions = List.copyOf(actions);
    }
}
