package org.jheartbeat.core.manager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.PreparedStart;
import org.jheartbeat.core.manager.ArmedTakeover.Trigger;
import org.jheartbeat.core.membership.LogMarkers;
import org.jheartbeat.core.policy.Decision;
import org.jheartbeat.core.policy.HoldSet;
import org.jheartbeat.core.policy.PeerMessage;
import org.jheartbeat.core.policy.PeerMessage.AskResources.StandbyStep;
import org.jheartbeat.core.policy.Policy;
import org.jheartbeat.core.policy.PolicyAction;
import org.jheartbeat.core.policy.PolicyEvent;
import org.jheartbeat.core.policy.PolicyState;
import org.jheartbeat.core.policy.Standby;
import org.jheartbeat.core.policy.TimerToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource manager's takeovers made ready ahead ({@link ArmedTakeover}), at most one at a
 * time: while the peer is late (every link silent for half its dead time), the groups its death
 * would start; after this node accepted a hand-over, the groups it will take. The policy is
 * asked what it would start, without acting on the answer, so nothing is prepared that the
 * policy would not do. The membership's timer thread fires the first at the dead verdict, the
 * receiving thread the second at the peer's release notice; the loop then hands the fired
 * starts to the groups' ordinary starts.
 *
 * <p>Methods marked "loop thread" run on the manager's loop, with the state it just published;
 * the two {@code fire} methods run on any thread.
 */
final class TakeoverPreparation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("heartbeat");

    private final Policy policy;
    private final Map<String, ManagedGroup> groups;
    private final AgentContext context;
    private final GroupWork work;
    private final LongSupplier clockMillis;
    /** The state the loop published last (on the loop thread: its current state). */
    private final Supplier<PolicyState> published;
    /** Policy events submitted to the loop and not yet handled. */
    private final IntSupplier unhandledEvents;
    private final Consumer<Runnable> loop;

    /** Whether the peer is late; loop thread only. */
    private boolean peerLate;
    /** Whether a takeover for the peer's death is being prepared on a thread of its own; loop thread only. */
    private boolean preparing;
    /** Set by the loop thread, fired by the membership's or the receiving thread. */
    private volatile ArmedTakeover armed;

    TakeoverPreparation(Policy policy, Map<String, ManagedGroup> groups, AgentContext context, GroupWork work,
                        LongSupplier clockMillis, Supplier<PolicyState> published, IntSupplier unhandledEvents,
                        Consumer<Runnable> loop) {
        this.policy = policy;
        this.groups = groups;
        this.context = context;
        this.work = work;
        this.clockMillis = clockMillis;
        this.published = published;
        this.unhandledEvents = unhandledEvents;
        this.loop = loop;
    }

    // ---- any thread

    /**
     * At the peer's dead verdict, on the membership's thread: fires the takeover prepared for the
     * state now current, unless an event waits that could change what a death starts. (An event
     * already being handled can still change it: {@link #settle} undoes what the policy then
     * does not start.)
     */
    void fireAtDeadVerdict() {
        ArmedTakeover ready = armed;
        if (ready != null && ready.trigger() instanceof Trigger.PeerDeath death && death.state() == published.get()
                && unhandledEvents.getAsInt() == 0) {
            ready.fire();
        }
    }

    /**
     * Links the check {@link #fireAtRelease} makes before any hand-over needs it: a record's
     * equals is bound on its first call (0.6 ms in a micro-test with the daemon's JVM options),
     * which would otherwise fall on the receiving thread between the peer's release and this
     * node's address, while clients wait. At start, any thread.
     */
    static void linkReleaseCheck() {
        TimerToken.Kind kind = TimerToken.Kind.values()[0];
        Standby.Accepted one = new Standby.Accepted(HoldSet.ALL, new TimerToken(kind, 1), 0);
        Standby.Accepted same = new Standby.Accepted(HoldSet.ALL, new TimerToken(kind, 1), 0);
        if (!one.equals(same)) {
            throw new IllegalStateException("an accepted hand-over no longer compares by value");
        }
    }

    /**
     * At the peer's release notice or "done" for {@code set}, on the receiving thread: fires the
     * prepared hand-over if this node still waits for exactly that set. Both say that the peer
     * has stopped the set. Messages the peer sent before may still wait in the loop; they do not
     * change what "done" starts.
     */
    void fireAtRelease(HoldSet set) {
        ArmedTakeover ready = armed;
        if (ready != null && ready.trigger() instanceof Trigger.HandOverDone done && done.accepted().set() == set
                && published.get().standby().equals(done.accepted())) {
            ready.fire();
        }
    }

    // ---- loop thread

    /** Loop thread: the peer became late, or was heard again. */
    void peerLateness(boolean late) {
        peerLate = late;
        rearm();
    }

    /**
     * Loop thread, after a decision and before its actions: accepting the peer's hand-over
     * probes the groups to come ahead (ProbeAhead); their starts are prepared now, before the
     * acceptance leaves, since the peer stops as soon as it has it and its release notice must
     * find them ready (preparing an address takes about a millisecond).
     */
    void beforeActions(Decision decision) {
        PolicyState state = decision.state();
        if (!(state.standby() instanceof Standby.Accepted accepted) || armed != null || preparing) {
            return;
        }
        List<ManagedGroup> toStart = new ArrayList<>();
        for (PolicyAction action : decision.actions()) {
            if (action instanceof PolicyAction.ProbeAhead probe && groups.containsKey(probe.key())) {
                toStart.add(groups.get(probe.key()));
            }
        }
        if (toStart.isEmpty()) {
            return;
        }
        ArmedTakeover ready = ArmedTakeover.prepare(new Trigger.HandOverDone(accepted), toStart, context);
        if (ready.isEmpty()) {
            ready.close();
        } else {
            armed = ready;
            LOG.debug("hand-over of {} made ready", ready.groupKeys());
        }
    }

    /** Loop thread, when a group starts: its fired starts, for the group's start to finish; usually none. */
    List<PreparedStart> handOver(String key) {
        ArmedTakeover ready = armed;
        return ready == null ? List.of() : ready.handOver(key);
    }

    /**
     * Loop thread, when a group stops: the set whose hand-over this stop completes, if it does
     * (asked what the stop would lead to, the policy would send "done"). The stopping thread
     * then sends the release notice the moment the group's last resource is gone.
     */
    Optional<HoldSet> releaseCompletedBy(String key) {
        PolicyState state = published.get();
        if (!(state.standby() instanceof Standby.Releasing)) {
            return Optional.empty();
        }
        for (PolicyAction action : decideAhead(state, new PolicyEvent.GroupStopped(key))) {
            if (action instanceof PolicyAction.SendToPeer send && send.message() instanceof PeerMessage.AskResources ask
                    && ask.step() == StandbyStep.DONE) {
                return Optional.of(ask.set());
            }
        }
        return Optional.empty();
    }

    /** Loop thread, after an event's actions: settles what it triggered, keeps the rest current. */
    void afterActions(PolicyEvent event) {
        if (event instanceof PolicyEvent.NodeDead dead && isPeer(dead.node())) {
            peerLate = false;
        }
        ArmedTakeover ready = armed;
        if (ready != null && settles(ready.trigger(), event)) {
            settle();
        }
        rearm();
    }

    /**
     * Keeps a takeover ready while the peer is late, for the current state: one no longer valid
     * is closed (or, a hand-over given up after its fire, settled), and a new one is prepared
     * when the peer's death would start something.
     */
    private void rearm() {
        ArmedTakeover current = armed;
        if (current != null && !stillValid(current.trigger())) {
            if (current.closeUnlessFired()) {
                armed = null;
                if (current.trigger() instanceof Trigger.PeerDeath && !peerLate) {
                    LOG.info("{} heard again: prepared takeover dropped", peerName());
                }
            } else if (current.trigger() instanceof Trigger.HandOverDone) {
                settle();
            }
        }
        if (!peerLate || armed != null || preparing) {
            return;
        }
        PolicyState state = published.get();
        List<ManagedGroup> toStart = startsIfPeerDies(state);
        if (toStart.isEmpty()) {
            return;
        }
        preparing = true;
        Thread.ofVirtual().name("prepare takeover").start(() -> {
            ArmedTakeover ready = ArmedTakeover.prepare(new Trigger.PeerDeath(state), toStart, context);
            loop.accept(() -> install(ready));
        });
    }

    private void install(ArmedTakeover ready) {
        preparing = false;
        if (armed == null && stillValid(ready.trigger()) && !ready.isEmpty()) {
            armed = ready;
            LOG.info("{} silent for half its deadtime: takeover of {} made ready", peerName(), ready.groupKeys());
        } else {
            ready.close();
            rearm();
        }
    }

    private boolean stillValid(Trigger trigger) {
        return switch (trigger) {
            case Trigger.PeerDeath death -> peerLate && death.state() == published.get();
            case Trigger.HandOverDone done -> published.get().standby().equals(done.accepted());
        };
    }

    /** Whether handling {@code event} has settled a takeover with this trigger, fired or not. */
    private boolean settles(Trigger trigger, PolicyEvent event) {
        return switch (trigger) {
            case Trigger.PeerDeath ignored -> event instanceof PolicyEvent.NodeDead dead && isPeer(dead.node());
            case Trigger.HandOverDone done -> event instanceof PolicyEvent.FromPeer(PeerMessage.AskResources ask)
                    && ask.step() == StandbyStep.DONE && ask.set() == done.accepted().set();
        };
    }

    /**
     * After the trigger was handled: the groups it started took their fired starts
     * ({@link #handOver}); a fired start the policy did not ask for (an event handled between the
     * fire and the trigger changed its mind) is undone with the group's ordinary stop, here on
     * the loop thread so that no start of that group can overlap it.
     */
    private void settle() {
        ArmedTakeover done = armed;
        armed = null;
        if (done == null) {
            return;
        }
        for (String key : done.closeAndListUnclaimed()) {
            LOG.warn("Resource group {} was started ahead of the takeover, which did not want it: stopping it", key);
            if (!work.stop(groups.get(key))) {
                LOG.error(LogMarkers.CRIT, "Resource group {} could not be stopped after a takeover that did"
                        + " not want it", key);
            }
        }
    }

    /** The groups the policy would start at once if the peer died now. */
    private List<ManagedGroup> startsIfPeerDies(PolicyState state) {
        Optional<String> peer = policy.config().peer();
        List<ManagedGroup> toStart = new ArrayList<>();
        if (peer.isEmpty()) {
            return toStart;
        }
        for (PolicyAction action : decideAhead(state, new PolicyEvent.NodeDead(peer.get()))) {
            if (action instanceof PolicyAction.StartGroup start && groups.containsKey(start.key())) {
                toStart.add(groups.get(start.key()));
            }
        }
        return toStart;
    }

    /** What the policy would do on {@code event}, asked without acting on it; nothing if it fails. */
    private List<PolicyAction> decideAhead(PolicyState state, PolicyEvent event) {
        try {
            return policy.decide(state, event, clockMillis.getAsLong()).actions();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private boolean isPeer(String node) {
        return policy.config().isPeer(node);
    }

    private String peerName() {
        return policy.config().peer().orElse("peer");
    }

    /** Closes what is ready; a fired start stays started. */
    @Override
    public void close() {
        ArmedTakeover ready = armed;
        armed = null;
        if (ready != null) {
            ready.close();
        }
    }
}
