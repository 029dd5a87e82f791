package org.jheartbeat.core.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the policy remembers about this node, immutable. Only {@link Policy} makes new
 * ones; callers keep the latest and pass it back with the next event.
 *
 * @param holds           what this node claims, Heartbeat's hold set (nice failback only; in
 *                        legacy mode Heartbeat does not maintain it and it stays NONE)
 * @param wanted          the groups this node should be running now
 * @param failed          groups whose start failed here; not started again until they are
 *                        handed to this node anew
 * @param groups          per group, what its resources are doing
 * @param pendingRelease  sets to give to the peer by the standby protocol once both nodes are
 *                        stable (one attempt): FOREIGN for auto_failback, or the set of a group
 *                        that failed here
 * @param shutdownDelayed a graceful stop waits for resource work in progress
 * @param requestDelay    the simultaneous-start wait, while it runs
 * @param whenIdle        info lines to log once no group is starting or stopping
 * @param reannounceWhenReleased groups both nodes ran after a partition that this node keeps:
 *                        announce their addresses again once the peer has stopped them
 * @param legacyAsked     legacy mode: groups requested from the peer with ip-request, and the
 *                        request each answer must name
 * @param legacyOwed      legacy mode: answers to the peer's ip-requests, sent once the group
 *                        has stopped
 * @param lastAnnounced   the holdings last sent to the peer, to send only changes
 * @param nextId          makes every timer token and ip-request of this incarnation unique
 * @param incarnation     this run of the daemon (Heartbeat's generation number), > 0
 */
public record PolicyState(
        Phase phase,
        HoldSet holds,
        Set<String> wanted,
        Set<String> failed,
        Map<String, GroupStatus> groups,
        PeerView peer,
        Standby standby,
        HoldSet pendingRelease,
        boolean shutdownDelayed,
        Optional<TimerToken> requestDelay,
        List<String> whenIdle,
        Set<String> reannounceWhenReleased,
        Map<String, PeerMessage.RequestId> legacyAsked,
        Map<String, PeerMessage.IpRequestResponse> legacyOwed,
        Optional<PeerMessage.ResourceAnnouncement> lastAnnounced,
        long nextId,
        long incarnation) {

    public PolicyState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(holds, "holds");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(standby, "standby");
        Objects.requireNonNull(pendingRelease, "pendingRelease");
        Objects.requireNonNull(requestDelay, "requestDelay");
        Objects.requireNonNull(lastAnnounced, "lastAnnounced");
        wanted = Set.copyOf(wanted);
        failed = Set.copyOf(failed);
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        whenIdle = List.copyOf(whenIdle);
        reannounceWhenReleased = Set.copyOf(reannounceWhenReleased);
        legacyAsked = Collections.unmodifiableMap(new LinkedHashMap<>(legacyAsked));
        legacyOwed = Collections.unmodifiableMap(new LinkedHashMap<>(legacyOwed));
    }

    /**
     * A daemon that has just started: nothing held, nothing heard.
     *
     * @param incarnation a number no earlier run of this node's daemon used (Heartbeat's
     *                    persistent generation counter serves)
     */
    public static PolicyState initial(PolicyConfig config, long incarnation) {
        if (incarnation <= 0) {
            throw new IllegalArgumentException("incarnation must be positive: " + incarnation);
        }
        Map<String, GroupStatus> groups = new LinkedHashMap<>();
        config.groups().forEach(g -> groups.put(g.key(), GroupStatus.STOPPED));
        PeerView.Liveness liveness = config.peer().isPresent() ? PeerView.Liveness.UNKNOWN : PeerView.Liveness.DEAD;
        return new PolicyState(Phase.WAITING, HoldSet.NONE, Set.of(), Set.of(), groups, PeerView.fresh(liveness),
                new Standby.Idle(), HoldSet.NONE, false, Optional.empty(), List.of(), Set.of(), Map.of(),
                Map.of(), Optional.empty(), 1, incarnation);
    }

    /**
     * A daemon restarted in place because ha.cf changed (Heartbeat's quick restart,
     * {@code -R -C SET}): the groups in {@code running} kept running through the restart and
     * this node still claims {@code holds}. Everything else starts as in {@link #initial};
     * groups no longer in the configuration are forgotten.
     */
    public static PolicyState restarted(PolicyConfig config, long incarnation, HoldSet holds, Set<String> running) {
        PolicyState fresh = initial(config, incarnation);
        Map<String, GroupStatus> groups = new LinkedHashMap<>(fresh.groups());
        Set<String> kept = new LinkedHashSet<>();
        running.stream().filter(groups::containsKey).forEach(key -> {
            groups.put(key, GroupStatus.RUNNING);
            kept.add(key);
        });
        return new PolicyState(Phase.WAITING, config.niceFailback() ? holds : HoldSet.NONE, kept, Set.of(), groups,
                fresh.peer(), new Standby.Idle(), HoldSet.NONE, false, Optional.empty(), List.of(), Set.of(), Map.of(),
                Map.of(), Optional.empty(), 1, incarnation);
    }

    /** The same state with one group's status replaced (for callers that restore or test states). */
    public PolicyState withGroup(String key, GroupStatus status) {
        status(key);
        Map<String, GroupStatus> changed = new LinkedHashMap<>(groups);
        changed.put(key, status);
        return new PolicyState(phase, holds, wanted, failed, changed, peer, standby, pendingRelease, shutdownDelayed,
                requestDelay, whenIdle, reannounceWhenReleased, legacyAsked, legacyOwed, lastAnnounced, nextId,
                incarnation);
    }

    public GroupStatus status(String key) {
        GroupStatus status = groups.get(key);
        if (status == null) {
            throw new IllegalArgumentException("no resource group " + key);
        }
        return status;
    }

    /** Whether any group is starting or stopping. */
    public boolean resourceWorkInProgress() {
        return inTransition(groups);
    }

    static boolean inTransition(Map<String, GroupStatus> groups) {
        return groups.values().stream().anyMatch(GroupStatus::inTransition);
    }

    /**
     * Heartbeat's local stability: running normally, no resource work, no standby, no pending
     * stop. What this node announces as {@code isstable}.
     */
    public boolean locallyStable() {
        return locallyStable(phase, groups, standby, shutdownDelayed);
    }

    static boolean locallyStable(Phase phase, Map<String, GroupStatus> groups, Standby standby,
                                 boolean shutdownDelayed) {
        return phase == Phase.RUNNING && !inTransition(groups) && standby instanceof Standby.Idle && !shutdownDelayed;
    }

    /** The groups that are running or may be running here ({@link GroupStatus#mayRunHere}). */
    public Set<String> occupied() {
        Set<String> keys = new LinkedHashSet<>();
        groups.forEach((key, status) -> {
            if (status.mayRunHere()) {
                keys.add(key);
            }
        });
        return keys;
    }
}
