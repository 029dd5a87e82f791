package org.jheartbeat.agents.lvs.reconcile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jheartbeat.agents.lvs.config.Endpoint;

/**
 * What ldirectord believes about one virtual between checks: which reals are up, how many
 * consecutive failures each up real has had, and whether the fallback command was last told
 * start (true) or stop (false).
 */
public record VirtualState(Set<Endpoint> up, Map<Endpoint, Integer> failures, Optional<Boolean> commandStarted) {

    public static final VirtualState INITIAL = new VirtualState(Set.of(), Map.of(), Optional.empty());

    public VirtualState {
        up = Set.copyOf(up);
        failures = Map.copyOf(failures);
    }

    public boolean isUp(Endpoint real) {
        return up.contains(real);
    }

    public int failures(Endpoint real) {
        return failures.getOrDefault(real, 0);
    }

    VirtualState withUp(Endpoint real, boolean isUp) {
        Set<Endpoint> next = new HashSet<>(up);
        if (isUp) {
            next.add(real);
        } else {
            next.remove(real);
        }
        Map<Endpoint, Integer> f = new HashMap<>(failures);
        f.remove(real);
        return new VirtualState(next, f, commandStarted);
    }

    VirtualState withFailures(Endpoint real, int count) {
        Map<Endpoint, Integer> f = new HashMap<>(failures);
        if (count == 0) {
            f.remove(real);
        } else {
            f.put(real, count);
        }
        return new VirtualState(up, f, commandStarted);
    }

    VirtualState withCommandStarted(boolean started) {
        return new VirtualState(up, failures, Optional.of(started));
    }
}
