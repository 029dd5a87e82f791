package org.jheartbeat.core.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jheartbeat.core.config.AutoFailback;
import org.jheartbeat.core.policy.PeerMessage.ResourceAnnouncement;

/**
 * The working copy of a {@link PolicyState} while one event is decided: the rules change it and
 * collect actions, then it becomes the next immutable state. Lives only inside one
 * {@link Policy#decide} call, so its mutability is never seen outside.
 */
final class Transition {

    final PolicyConfig config;
    final long now;

    Phase phase;
    HoldSet holds;
    final Set<String> wanted;
    final Set<String> failed;
    final Map<String, GroupStatus> groups;
    PeerView peer;
    Standby standby;
    HoldSet pendingRelease;
    boolean shutdownDelayed;
    Optional<TimerToken> requestDelay;
    final List<String> whenIdle;
    final Set<String> reannounceWhenReleased;
    final Map<String, PeerMessage.RequestId> legacyAsked;
    final Map<String, PeerMessage.IpRequestResponse> legacyOwed;
    Optional<ResourceAnnouncement> lastAnnounced;
    long nextId;
    final long incarnation;

    private final List<PolicyAction> actions = new ArrayList<>();

    Transition(PolicyConfig config, PolicyState state, long now) {
        this.config = config;
        this.now = now;
        phase = state.phase();
        holds = state.holds();
        wanted = new LinkedHashSet<>(state.wanted());
        failed = new HashSet<>(state.failed());
        groups = new LinkedHashMap<>(state.groups());
        peer = state.peer();
        standby = state.standby();
        pendingRelease = state.pendingRelease();
        shutdownDelayed = state.shutdownDelayed();
        requestDelay = state.requestDelay();
        whenIdle = new ArrayList<>(state.whenIdle());
        reannounceWhenReleased = new LinkedHashSet<>(state.reannounceWhenReleased());
        legacyAsked = new LinkedHashMap<>(state.legacyAsked());
        legacyOwed = new LinkedHashMap<>(state.legacyOwed());
        lastAnnounced = state.lastAnnounced();
        nextId = state.nextId();
        incarnation = state.incarnation();
    }

    PolicyState state() {
        return new PolicyState(phase, holds, wanted, failed, groups, peer, standby, pendingRelease,
                shutdownDelayed, requestDelay, whenIdle, reannounceWhenReleased, legacyAsked, legacyOwed,
                lastAnnounced, nextId, incarnation);
    }

    Decision decision() {
        return new Decision(state(), actions);
    }

    int actionCount() {
        return actions.size();
    }

    String localNode() {
        return config.localNode();
    }

    /** The peer's name; only called once the peer has been heard, so it exists. */
    String peerName() {
        return config.peer().orElseThrow();
    }

    // ---- actions

    void log(LogLevel level, String text) {
        actions.add(new PolicyAction.Log(level, text));
    }

    void info(String text) {
        log(LogLevel.INFO, text);
    }

    void send(PeerMessage message) {
        actions.add(new PolicyAction.SendToPeer(message));
    }

    void act(PolicyAction action) {
        actions.add(action);
    }

    TimerToken startTimer(TimerToken.Kind kind, Duration delay) {
        TimerToken token = new TimerToken(kind, nextId++);
        actions.add(new PolicyAction.StartTimer(token, delay));
        return token;
    }

    void cancelTimer(TimerToken token) {
        actions.add(new PolicyAction.CancelTimer(token));
    }

    // ---- groups

    GroupStatus status(String key) {
        return groups.get(key);
    }

    /** Nice failback: run exactly the claimed groups that did not fail here. */
    void wantClaimedGroups() {
        wanted.clear();
        for (String key : config.keysOf(holds)) {
            if (!failed.contains(key)) {
                wanted.add(key);
            }
        }
    }

    /**
     * Probes now those of {@code keys} the peer is about to hand over: stopped here and not yet
     * wanted (a wanted group starts now and probes as it starts).
     */
    void probeAhead(List<String> keys, Duration validFor) {
        for (String key : keys) {
            if (groups.get(key) == GroupStatus.STOPPED && !wanted.contains(key)) {
                actions.add(new PolicyAction.ProbeAhead(key, validFor));
            }
        }
    }

    /** Stop a group even if it is not running (Heartbeat's give-group: every stop is idempotent). */
    void forceStop(String key) {
        GroupStatus status = groups.get(key);
        if (status == GroupStatus.STOPPED || status == GroupStatus.RUNNING) {
            groups.put(key, status == GroupStatus.STOPPED ? GroupStatus.CLEARING : GroupStatus.STOPPING);
            actions.add(new PolicyAction.StopGroup(key));
        }
    }

    /**
     * Start what is wanted and stopped; stop what is running and not wanted. Nothing starts
     * before the start-up decision or during a shutdown. A group the live peer's latest
     * announcement still covers is never started: it waits for the announcement that says the
     * peer let go (every hand-off sends that before its go-ahead anyway).
     */
    void reconcile() {
        HoldSet peerMayRun = peer.alive() ? peer.holdsAsSeenHere() : HoldSet.NONE;
        boolean mayStart = phase == Phase.RUNNING;
        for (var entry : groups.entrySet()) {
            String key = entry.getKey();
            boolean want = wanted.contains(key) && !failed.contains(key);
            if (want && mayStart && entry.getValue() == GroupStatus.STOPPED
                    && !peerMayRun.covers(config.categoryOf(key))) {
                entry.setValue(GroupStatus.STARTING);
                actions.add(new PolicyAction.StartGroup(key));
            } else if (!want && entry.getValue() == GroupStatus.RUNNING) {
                entry.setValue(GroupStatus.STOPPING);
                actions.add(new PolicyAction.StopGroup(key));
            }
        }
    }

    boolean resourceWorkInProgress() {
        return PolicyState.inTransition(groups);
    }

    boolean allStopped(List<String> keys) {
        return keys.stream().allMatch(k -> groups.get(k) == GroupStatus.STOPPED);
    }

    boolean locallyStable() {
        return PolicyState.locallyStable(phase, groups, standby, shutdownDelayed);
    }

    boolean autoFailbackOn() {
        return config.mode() == AutoFailback.ON;
    }

    /** Claimed groups plus every group that runs or may run here: what the peer must not start. */
    HoldSet announcedHolds() {
        HoldSet result = holds;
        for (var entry : groups.entrySet()) {
            if (entry.getValue().mayRunHere()) {
                result = result.plus(config.categoryOf(entry.getKey()));
            }
        }
        return result;
    }

    // ---- announcements

    PeerMessage.RequestId newRequestId() {
        return new PeerMessage.RequestId(incarnation, nextId++);
    }

    /** What we hold now, as an unasked announcement. */
    ResourceAnnouncement currentAnnouncement() {
        ResourceAnnouncement.Info info = switch (phase) {
            case SHUTTING_DOWN, DOWN -> ResourceAnnouncement.Info.SHUTDOWN;
            default -> standby instanceof Standby.Idle
                    ? ResourceAnnouncement.Info.NONE : ResourceAnnouncement.Info.STANDBY;
        };
        return new ResourceAnnouncement(announcedHolds(), locallyStable(), info, failed, 0);
    }

    /** Answer the peer's {@code starting} with what we hold now. */
    void answerStarting(long peerIncarnation) {
        ResourceAnnouncement current = currentAnnouncement();
        send(new ResourceAnnouncement(current.holds(), current.stable(), current.info(), current.failed(),
                peerIncarnation));
        lastAnnounced = Optional.of(current);
    }

    /** Tell a live peer what we hold if that changed since we last told it. */
    void announceIfChanged() {
        if (!config.niceFailback() || !peer.alive()) {
            return;
        }
        if (phase != Phase.RUNNING && phase != Phase.SHUTTING_DOWN) {
            return;
        }
        ResourceAnnouncement current = currentAnnouncement();
        if (lastAnnounced.filter(current::equals).isEmpty()) {
            send(current);
            lastAnnounced = Optional.of(current);
        }
    }
}
