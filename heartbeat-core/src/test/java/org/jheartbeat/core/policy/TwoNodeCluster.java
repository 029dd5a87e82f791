package org.jheartbeat.core.policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiPredicate;
import org.jheartbeat.core.config.AutoFailback;

/**
 * Two policy instances wired together in memory: a FIFO inbox per node for peer messages and
 * membership events, pending group work whose results come back as events, and timers on a
 * virtual clock. Everything is deterministic; random interleavings come only from the Random a
 * test passes in.
 *
 * <p>A group counts as running on a node from the moment a start is asked for until its stop
 * is reported done (a failed start leaves it running until the stop). After every step the
 * cluster checks the invariant: while both nodes see each other, no group runs on both, except
 * groups that came to run on both while they did not see each other (a partition) and have not
 * been resolved yet.
 */
final class TwoNodeCluster {

    static final String X1 = "x1";
    static final String X2 = "x2";
    static final String PING = "10.88.0.254";
    /** x1's groups (file order), then x2's. */
    static final List<GroupRef> GROUPS = List.of(
            new GroupRef("IPaddr2::10.88.0.100/24/eth0", X1),
            new GroupRef("TestRsc::alpha", X1),
            new GroupRef("10.88.0.200", X2));
    static final String G1 = GROUPS.get(0).key();
    static final String G1B = GROUPS.get(1).key();
    static final String G2 = GROUPS.get(2).key();

    static PolicyConfig config(String local, AutoFailback mode) {
        String peer = local.equals(X1) ? X2 : X1;
        return new PolicyConfig(local, java.util.Optional.of(peer), mode, GROUPS, PolicyTimings.HEARTBEAT);
    }

    record Op(String key, boolean start) {
    }

    final class Node {
        final String name;
        final Policy policy;
        PolicyState state;
        boolean up;
        final Set<String> running = new LinkedHashSet<>();
        final Deque<PolicyEvent> inbox = new ArrayDeque<>();
        final List<Op> ops = new ArrayList<>();
        final Map<TimerToken, Long> timers = new LinkedHashMap<>();
        final List<PolicyAction.Log> log = new ArrayList<>();
        final List<String> reannounced = new ArrayList<>();
        final List<String> probedAhead = new ArrayList<>();
        /** Every start and stop this node was told to run, as "start KEY" / "stop KEY". */
        final List<String> work = new ArrayList<>();
        final List<String> escalations = new ArrayList<>();
        final List<PeerMessage> sent = new ArrayList<>();

        long incarnation;

        Node(String name, AutoFailback mode) {
            this.name = name;
            this.policy = new Policy(config(name, mode));
            this.state = policy.initialState(++incarnation);
        }

        void restart() {
            state = policy.initialState(++incarnation);
            up = true;
            running.clear();
        }

        Node other() {
            return this == x1 ? x2 : x1;
        }

        boolean logged(String text) {
            return log.stream().anyMatch(l -> l.text().equals(text));
        }

        List<String> logTexts() {
            return log.stream().map(PolicyAction.Log::text).toList();
        }

        RscStatus rscStatus() {
            return policy.rscStatus(state);
        }
    }

    final Node x1;
    final Node x2;
    long now;
    boolean connected = true;
    /** Groups running on both nodes that started while the nodes did not see each other. */
    private final Set<String> excused = new HashSet<>();
    /** Which (node, group) starts fail; consulted when a start completes. */
    BiPredicate<String, String> startFails = (node, key) -> false;
    BiPredicate<String, String> stopFails = (node, key) -> false;
    /** Nodes whose policy asked for a reset after a failed stop; crashed at the next step. */
    private final Set<Node> resetPending = new LinkedHashSet<>();
    /** The latest steps, formatted only when a check fails. */
    private final Deque<Object> trace = new ArrayDeque<>();
    int steps;

    TwoNodeCluster(AutoFailback mode) {
        x1 = new Node(X1, mode);
        x2 = new Node(X2, mode);
    }

    Node node(String name) {
        return name.equals(X1) ? x1 : x2;
    }

    // ---- world changes

    void boot(Node n) {
        if (n.up) {
            throw new IllegalStateException(n.name + " is already up");
        }
        n.restart();
        comesUp(n);
        remember("boot " + n.name);
    }

    /** {@code n}'s membership starts: it hears the other node (if it can), then its comms are up. */
    private void comesUp(Node n) {
        Node o = n.other();
        if (connected && o.up) {
            n.inbox.add(new PolicyEvent.NodeAlive(o.name));
            o.inbox.add(new PolicyEvent.NodeAlive(n.name));
        } else {
            n.inbox.add(new PolicyEvent.NodeDead(o.name));
        }
        n.inbox.add(new PolicyEvent.CommsUp());
    }

    /** Both daemons start at the same moment: each hears the other before its comms are up. */
    void bootBoth() {
        for (Node n : List.of(x1, x2)) {
            n.restart();
        }
        for (Node n : List.of(x1, x2)) {
            n.inbox.add(new PolicyEvent.NodeAlive(n.other().name));
            n.inbox.add(new PolicyEvent.CommsUp());
        }
        remember("boot both");
    }

    /**
     * ha.cf changed: the daemon restarts in place keeping its groups running and its hold set
     * (Heartbeat's quick restart). The peer never sees it dead.
     */
    void quickRestart(Node n) {
        if (!n.state.locallyStable()) {
            throw new IllegalStateException(n.name + " restarts only when stable");
        }
        java.util.Set<String> running = new java.util.HashSet<>();
        n.state.groups().forEach((key, status) -> {
            if (status == GroupStatus.RUNNING) {
                running.add(key);
            }
        });
        n.state = n.policy.restartedState(++n.incarnation, n.state.holds(), running);
        n.inbox.clear();
        n.timers.clear();
        comesUp(n);
        remember("quick restart " + n.name);
    }

    /** Power loss: the daemon and everything it ran are gone. */
    void crash(Node n) {
        goDown(n);
        n.running.clear();
        remember("crash " + n.name);
        checkInvariant();
    }

    private void goDown(Node n) {
        n.up = false;
        n.inbox.clear();
        n.ops.clear();
        n.timers.clear();
        Node o = n.other();
        if (connected && o.up) {
            o.inbox.add(new PolicyEvent.NodeDead(n.name));
        }
    }

    /** The links between the nodes stop carrying anything; messages in flight are lost. */
    void cut() {
        connected = false;
        for (Node n : List.of(x1, x2)) {
            n.inbox.removeIf(e -> e instanceof PolicyEvent.FromPeer);
            if (n.up && n.other().up) {
                n.inbox.add(new PolicyEvent.NodeDead(n.other().name));
            }
        }
        remember("cut");
    }

    void heal() {
        connected = true;
        if (x1.up && x2.up) {
            x1.inbox.add(new PolicyEvent.NodeAlive(X2));
            x2.inbox.add(new PolicyEvent.NodeAlive(X1));
        }
        remember("heal");
    }

    /** An event from outside the cluster (admin command, ping node), applied at once. */
    void command(Node n, PolicyEvent event) {
        if (n.up) {
            apply(n, event);
        }
    }

    // ---- stepping

    void apply(Node n, PolicyEvent event) {
        steps++;
        remember(n.name, " <- ", event);
        Decision decision = n.policy.decide(n.state, event, now);
        n.state = decision.state();
        for (PolicyAction action : decision.actions()) {
            perform(n, action);
        }
        checkInvariant();
    }

    private void perform(Node n, PolicyAction action) {
        remember("  " + n.name, " -> ", action);
        switch (action) {
            case PolicyAction.StartGroup start -> {
                requireNoOp(n, start.key());
                n.work.add("start " + start.key());
                n.running.add(start.key());
                n.ops.add(new Op(start.key(), true));
            }
            case PolicyAction.ProbeAhead probe -> {
                if (n.running.contains(probe.key())) {
                    throw new AssertionError(n.name + " probes ahead " + probe.key() + ", which it runs\n" + trace());
                }
                n.probedAhead.add(probe.key());
            }
            case PolicyAction.StopGroup stop -> {
                requireNoOp(n, stop.key());
                n.work.add("stop " + stop.key());
                n.ops.add(new Op(stop.key(), false));
            }
            case PolicyAction.SendToPeer send -> {
                n.sent.add(send.message());
                if (connected && n.other().up) {
                    n.other().inbox.add(new PolicyEvent.FromPeer(send.message()));
                }
            }
            case PolicyAction.StartTimer timer -> n.timers.put(timer.token(), now + timer.delay().toMillis());
            case PolicyAction.CancelTimer cancel -> n.timers.remove(cancel.token());
            case PolicyAction.Log log -> n.log.add(log);
            case PolicyAction.ReannounceAddresses reannounce -> {
                if (!n.running.contains(reannounce.key())) {
                    throw new AssertionError(n.name + " re-announces " + reannounce.key() + " it does not run\n" + trace());
                }
                n.reannounced.add(reannounce.key());
            }
            case PolicyAction.StopFailureEscalation escalation -> {
                n.escalations.add(escalation.key());
                resetPending.add(n);
            }
            case PolicyAction.ShutdownComplete done -> {
                if (!n.running.isEmpty()) {
                    throw new AssertionError(n.name + " finished shutdown still running " + n.running + "\n" + trace());
                }
                goDown(n);
            }
        }
    }

    private void requireNoOp(Node n, String key) {
        if (n.ops.stream().anyMatch(op -> op.key().equals(key))) {
            throw new AssertionError(n.name + " asked for work on " + key + " while work on it runs\n" + trace());
        }
    }

    private void completeOp(Node n, Op op) {
        n.ops.remove(op);
        PolicyEvent result;
        if (op.start()) {
            result = startFails.test(n.name, op.key())
                    ? new PolicyEvent.GroupStartFailed(op.key()) : new PolicyEvent.GroupStarted(op.key());
        } else if (stopFails.test(n.name, op.key())) {
            result = new PolicyEvent.GroupStopFailed(op.key());
        } else {
            n.running.remove(op.key());
            result = new PolicyEvent.GroupStopped(op.key());
        }
        apply(n, result);
    }

    private void fire(Node n, TimerToken token) {
        long due = n.timers.remove(token);
        now = Math.max(now, due);
        apply(n, new PolicyEvent.TimerFired(token));
    }

    private boolean messagesOrWorkPending() {
        for (Node n : List.of(x1, x2)) {
            if (n.up && (!n.inbox.isEmpty() || !n.ops.isEmpty())) {
                return true;
            }
        }
        return false;
    }

    /** Deterministic: inboxes first, then group work, then the earliest timer. */
    boolean stepInOrder() {
        for (Node n : List.of(x1, x2)) {
            if (n.up && !n.inbox.isEmpty()) {
                apply(n, n.inbox.poll());
                return true;
            }
        }
        for (Node n : List.of(x1, x2)) {
            if (n.up && !n.ops.isEmpty()) {
                completeOp(n, n.ops.getFirst());
                return true;
            }
        }
        Node earliestNode = null;
        TimerToken earliest = null;
        for (Node n : List.of(x1, x2)) {
            for (var entry : n.timers.entrySet()) {
                if (n.up && (earliest == null || entry.getValue() < earliestNode.timers.get(earliest))) {
                    earliestNode = n;
                    earliest = entry.getKey();
                }
            }
        }
        if (earliest != null) {
            fire(earliestNode, earliest);
            return true;
        }
        return false;
    }

    /** Runs every message, group result and timer until nothing is left. */
    void runUntilQuiet() {
        int limit = steps + 20_000;
        while (stepInOrder()) {
            if (steps > limit) {
                throw new AssertionError("no quiescence after 20000 steps\n" + trace());
            }
        }
    }

    /** Runs messages and group work only: no timer fires (less than a second passes). */
    void runWithoutTimers() {
        int limit = steps + 20_000;
        while (messagesOrWorkPending()) {
            stepInOrder();
            if (steps > limit) {
                throw new AssertionError("no quiescence after 20000 steps\n" + trace());
            }
        }
    }

    /**
     * One random step: the head of a random inbox, a random piece of group work, or a timer.
     * Timers fire only when nothing else is pending unless {@code timersAnytime}.
     */
    boolean stepRandomly(Random random, boolean timersAnytime) {
        if (!resetPending.isEmpty()) {
            Node n = resetPending.iterator().next();
            resetPending.remove(n);
            if (n.up) {
                crash(n);
            }
            return true;
        }
        List<Runnable> choices = new ArrayList<>();
        boolean busy = messagesOrWorkPending();
        for (Node n : List.of(x1, x2)) {
            if (!n.up) {
                continue;
            }
            if (!n.inbox.isEmpty()) {
                choices.add(() -> apply(n, n.inbox.poll()));
            }
            for (Op op : n.ops) {
                choices.add(() -> completeOp(n, op));
            }
            if (timersAnytime || !busy) {
                for (TimerToken token : n.timers.keySet()) {
                    choices.add(() -> fire(n, token));
                }
            }
        }
        if (choices.isEmpty()) {
            return false;
        }
        choices.get(random.nextInt(choices.size())).run();
        return true;
    }

    // ---- checks

    void checkInvariant() {
        Set<String> both = new LinkedHashSet<>();
        if (x1.up && x2.up) {
            both.addAll(x1.running);
            both.retainAll(x2.running);
        }
        boolean seeEachOther = x1.up && x2.up && x1.state.peer().alive() && x2.state.peer().alive();
        if (!seeEachOther) {
            excused.addAll(both);
        } else {
            Set<String> violating = new LinkedHashSet<>(both);
            violating.removeAll(excused);
            if (!violating.isEmpty()) {
                throw new AssertionError("started on both nodes while they see each other: " + violating
                        + "\n" + trace());
            }
        }
        excused.retainAll(both);
    }

    /** Where each group runs: group key → node names. */
    Map<String, List<String>> placement() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (GroupRef group : GROUPS) {
            List<String> nodes = new ArrayList<>();
            for (Node n : List.of(x1, x2)) {
                if (n.up && n.running.contains(group.key())) {
                    nodes.add(n.name);
                }
            }
            result.put(group.key(), nodes);
        }
        return result;
    }

    private void remember(Object... parts) {
        trace.add(parts);
        if (trace.size() > 120) {
            trace.removeFirst();
        }
    }

    String trace() {
        StringBuilder text = new StringBuilder();
        for (Object entry : trace) {
            for (Object part : (Object[]) entry) {
                text.append(part);
            }
            text.append('\n');
        }
        return text.toString();
    }
}
