package org.jheartbeat.core.manager;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jheartbeat.core.policy.Decision;
import org.jheartbeat.core.policy.PeerMessage;
import org.jheartbeat.core.policy.Policy;
import org.jheartbeat.core.policy.PolicyAction;
import org.jheartbeat.core.policy.PolicyConfig;
import org.jheartbeat.core.policy.PolicyEvent;
import org.jheartbeat.core.policy.PolicyState;
import org.jheartbeat.core.policy.StandbyArgument;
import org.jheartbeat.core.policy.TimerToken;

/**
 * Runs this node's resource policy through hand-offs that never happen: both nodes start, each
 * goes standby and takes over, one dies and returns, one shuts down, all in memory against a
 * second policy playing the peer, with every message through the hand-off codec. The decisions
 * are thrown away; the point is the code: a hand-off runs rarely, so without this its code is
 * loaded, linked and interpreted when a takeover needs it. With one group a round took 90 ms
 * the first time in a JVM (classes, lambdas), 4 to 9 ms the next times, and 0.45 ms after 300
 * rounds, which took 330 ms (the daemon's JVM options, two cores); three groups on two nodes make
 * 50 to 140 decisions a round, by auto_failback mode.
 *
 * <p>Pure: no I/O, no clock, no state shared with the running manager (the policy itself keeps
 * none).
 */
final class PolicyRehearsal {

    /** Decisions after which one rehearsal gives up (a cycle would be a rehearsal bug, not a reason to spin). */
    private static final int MAX_STEPS = 2_000;

    private final Node us;
    private final Node peer;
    private long now;
    private int steps;
    private int starts;
    private int stops;

    /**
     * What a rehearsal went through.
     *
     * @param decisions both policies' decisions
     * @param starts    group starts either node asked for
     * @param stops     group stops either node asked for
     */
    record Rehearsed(int rounds, int decisions, int starts, int stops) {
        Rehearsed plus(PolicyRehearsal round) {
            return new Rehearsed(rounds + 1, decisions + round.steps, starts + round.starts, stops + round.stops);
        }
    }

    private final class Node {
        final Policy policy;
        final String name;
        PolicyState state;
        long incarnation;
        boolean up;
        final Deque<PolicyEvent> inbox = new ArrayDeque<>();
        /** Pending timers with the virtual time they fire at, in the order they were started. */
        final Map<TimerToken, Long> timers = new LinkedHashMap<>();

        Node(Policy policy, long firstIncarnation) {
            this.policy = policy;
            this.name = policy.config().localNode();
            this.incarnation = firstIncarnation;
        }

        Node other() {
            return this == us ? peer : us;
        }

        void boot() {
            state = policy.initialState(++incarnation);
            up = true;
        }

        /** Gone as after kill -9: nothing it had queued or planned happens. */
        void die() {
            up = false;
            inbox.clear();
            timers.clear();
        }
    }

    private PolicyRehearsal(Policy policy, Policy peerPolicy) {
        // incarnations far from any real one: nothing of this ever leaves the process anyway
        this.us = new Node(policy, 1L << 40);
        this.peer = new Node(peerPolicy, 2L << 40);
    }

    /**
     * Rehearses {@code policy}'s hand-offs for up to {@code rounds} rounds or until
     * {@code budgetNanos} have passed, whichever comes first. Does nothing without a peer.
     *
     * @return what the rehearsal went through
     */
    static Rehearsed rehearse(Policy policy, int rounds, long budgetNanos) {
        Rehearsed done = new Rehearsed(0, 0, 0, 0);
        Optional<PolicyConfig> mirrored = mirror(policy.config());
        if (mirrored.isEmpty()) {
            return done;
        }
        long began = System.nanoTime();
        while (done.rounds() < rounds && System.nanoTime() - began < budgetNanos) {
            PolicyRehearsal round = new PolicyRehearsal(policy, new Policy(mirrored.get()));
            round.round();
            done = done.plus(round);
        }
        return done;
    }

    /** The same cluster as the peer sees it. */
    private static Optional<PolicyConfig> mirror(PolicyConfig config) {
        return config.peer().map(peerName -> new PolicyConfig(peerName, Optional.of(config.localNode()),
                config.mode(), config.groups(), config.timings()));
    }

    private void round() {
        us.boot();
        peer.boot();
        for (Node n : new Node[] {us, peer}) {
            n.inbox.add(new PolicyEvent.NodeAlive(n.other().name));
            n.inbox.add(new PolicyEvent.CommsUp());
        }
        settle();
        for (Node n : new Node[] {us, peer, us, peer}) {
            n.inbox.add(new PolicyEvent.StandbyRequested(StandbyArgument.ALL));
            settle();
        }
        for (Node n : new Node[] {peer, us}) {
            // n dies; the survivor takes everything, then n comes back
            n.die();
            n.other().inbox.add(new PolicyEvent.NodeDead(n.name));
            settle();
            n.boot();
            n.inbox.add(new PolicyEvent.NodeAlive(n.other().name));
            n.inbox.add(new PolicyEvent.CommsUp());
            n.other().inbox.add(new PolicyEvent.NodeAlive(n.name));
            settle();
        }
        us.inbox.add(new PolicyEvent.ShutdownRequested());
        settle();
    }

    /** Delivers events until both inboxes are empty, firing the earliest timer whenever they are. */
    private void settle() {
        while (steps < MAX_STEPS) {
            Node next = !us.inbox.isEmpty() ? us : !peer.inbox.isEmpty() ? peer : null;
            if (next == null && !fireEarliestTimer()) {
                return;
            }
            if (next != null) {
                step(next, next.inbox.poll());
            }
        }
        throw new IllegalStateException("policy rehearsal did not settle after " + MAX_STEPS + " decisions");
    }

    private boolean fireEarliestTimer() {
        Node owner = null;
        TimerToken earliest = null;
        long at = Long.MAX_VALUE;
        for (Node n : new Node[] {us, peer}) {
            for (Map.Entry<TimerToken, Long> timer : n.timers.entrySet()) {
                if (timer.getValue() < at) {
                    owner = n;
                    earliest = timer.getKey();
                    at = timer.getValue();
                }
            }
        }
        if (owner == null) {
            return false;
        }
        owner.timers.remove(earliest);
        now = Math.max(now, at);
        owner.inbox.add(new PolicyEvent.TimerFired(earliest));
        return true;
    }

    private void step(Node n, PolicyEvent event) {
        steps++;
        Decision decision = n.policy.decide(n.state, event, now);
        n.state = decision.state();
        for (PolicyAction action : decision.actions()) {
            switch (action) {
                case PolicyAction.StartGroup start -> {
                    starts++;
                    n.inbox.add(new PolicyEvent.GroupStarted(start.key()));
                }
                case PolicyAction.StopGroup stop -> {
                    stops++;
                    n.inbox.add(new PolicyEvent.GroupStopped(stop.key()));
                }
                case PolicyAction.SendToPeer send -> {
                    PeerMessage received = overTheWire(send);
                    if (n.other().up) {
                        n.other().inbox.add(new PolicyEvent.FromPeer(received));
                    }
                }
                case PolicyAction.StartTimer timer -> n.timers.put(timer.token(), now + timer.delay().toMillis());
                case PolicyAction.CancelTimer cancel -> n.timers.remove(cancel.token());
                case PolicyAction.ProbeAhead ignored -> { }
                case PolicyAction.Log ignored -> { }
                case PolicyAction.ReannounceAddresses ignored -> { }
                case PolicyAction.StopFailureEscalation ignored -> { }
                case PolicyAction.ShutdownComplete ignored -> { }
            }
        }
    }

    private static PeerMessage overTheWire(PolicyAction.SendToPeer send) {
        try {
            return PeerMessageCodec.decode(PeerMessageCodec.encode(send.message()));
        } catch (IOException e) {
            throw new IllegalStateException("the hand-off codec cannot read what it wrote: " + send.message(), e);
        }
    }
}
