package org.jheartbeat.core.manager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.PreparedStart;
import org.jheartbeat.core.policy.PolicyState;
import org.jheartbeat.core.policy.Standby;

/**
 * A takeover made ready before it is due: the groups the policy will start when its
 * {@link Trigger} comes, each with the prepared starts of its leading resources, in start order
 * (a group's preparation ends at its first resource that cannot prepare). The thread that
 * learns of the trigger fires it (the membership's timer thread at a dead verdict, the receiving
 * thread at the peer's release notice); the manager's ordinary start of those groups then
 * finishes what was fired and starts the rest. {@link TakeoverPreparation} decides what is
 * prepared and when.
 *
 * <p>Why: every hand-off from those threads to the manager's loop and on to a group's thread
 * costs a wake-up, on an idle machine a tenth of a millisecond or more each, and the table reads
 * of a start take as long again, all while clients wait for the address.
 */
final class ArmedTakeover implements AutoCloseable {

    /** What fires a takeover made ready. */
    sealed interface Trigger {

        /** The peer's dead verdict while it is late, in the policy state the policy was asked in. */
        record PeerDeath(PolicyState state) implements Trigger {
        }

        /**
         * The peer's release notice (or "done") for the hand-over this node accepted (hb_standby
         * there, hb_takeover here).
         */
        record HandOverDone(Standby.Accepted accepted) implements Trigger {
        }
    }

    private final Trigger trigger;
    /** Group key to its prepared starts. Everything below is guarded by this. */
    private final Map<String, List<PreparedStart>> prepared;
    /** Group key to how many of its prepared starts fired. */
    private final Map<String, Integer> firedCount = new LinkedHashMap<>();
    private boolean fired;
    private boolean closed;

    private ArmedTakeover(Trigger trigger, Map<String, List<PreparedStart>> prepared) {
        this.trigger = trigger;
        this.prepared = prepared;
    }

    /**
     * Asks the agents of {@code groups} to prepare their starts. Blocks while agents read kernel
     * tables (about a millisecond for an address).
     */
    static ArmedTakeover prepare(Trigger trigger, List<ManagedGroup> groups, AgentContext context) {
        Map<String, List<PreparedStart>> prepared = new LinkedHashMap<>();
        for (ManagedGroup group : groups) {
            List<PreparedStart> starts = new ArrayList<>();
            for (ManagedResource resource : group.resources()) {
                Optional<PreparedStart> start;
                try {
                    start = resource.agent().prepareStart(context, resource.parameters());
                } catch (RuntimeException e) {
                    start = Optional.empty(); // only the speed of the takeover suffers
                }
                if (start.isEmpty()) {
                    break;
                }
                starts.add(start.get());
            }
            if (!starts.isEmpty()) {
                prepared.put(group.key(), starts);
            }
        }
        return new ArmedTakeover(trigger, prepared);
    }

    Trigger trigger() {
        return trigger;
    }

    synchronized List<String> groupKeys() {
        return List.copyOf(prepared.keySet());
    }

    synchronized boolean isEmpty() {
        return prepared.isEmpty();
    }

    /**
     * Fires every group's prepared starts in order, each group until one does not fire. Runs
     * at most once and never after a close, on the thread that learned of the trigger; it logs
     * nothing (the group's start does) and waits only for the kernel.
     */
    synchronized void fire() {
        if (fired || closed) {
            return;
        }
        fired = true;
        for (Map.Entry<String, List<PreparedStart>> group : prepared.entrySet()) { // no lambda to link now
            List<PreparedStart> starts = group.getValue();
            int count = 0;
            while (count < starts.size() && starts.get(count).fire()) {
                count++;
            }
            firedCount.put(group.getKey(), count);
        }
    }

    /**
     * The fired starts of {@code key}'s group, now the caller's to finish and close, in order;
     * empty when none fired. The group's other prepared starts are closed. Loop thread only.
     */
    synchronized List<PreparedStart> handOver(String key) {
        List<PreparedStart> starts = prepared.remove(key);
        if (starts == null) {
            return List.of();
        }
        int count = firedCount.getOrDefault(key, 0);
        starts.subList(count, starts.size()).forEach(PreparedStart::close);
        return List.copyOf(starts.subList(0, count));
    }

    /** Closes it unless it has fired (then handling its trigger settles it); true when closed. */
    synchronized boolean closeUnlessFired() {
        if (fired) {
            return false;
        }
        close();
        return true;
    }

    /**
     * Closes every prepared start not handed over; returns the keys of groups of which some
     * start fired and was not handed over: something runs that the policy did not start.
     */
    synchronized List<String> closeAndListUnclaimed() {
        closed = true;
        List<String> unclaimed = new ArrayList<>();
        prepared.forEach((key, starts) -> {
            if (firedCount.getOrDefault(key, 0) > 0) {
                unclaimed.add(key);
            }
            starts.forEach(PreparedStart::close);
        });
        prepared.clear();
        return unclaimed;
    }

    @Override
    public synchronized void close() {
        closeAndListUnclaimed();
    }
}
