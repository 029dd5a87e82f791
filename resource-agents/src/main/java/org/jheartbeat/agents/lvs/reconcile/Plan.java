package org.jheartbeat.agents.lvs.reconcile;

import java.util.List;

/** What to do, in order, and the state of the virtual once it is done. */
public record Plan(List<Step> steps, VirtualState next) {

    public Plan {
        steps = List.copyOf(steps);
    }
}
