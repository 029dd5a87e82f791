package org.jheartbeat.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jheartbeat.core.config.AutoFailback;
import org.junit.jupiter.api.Test;

/**
 * Two ipfail functions talking to each other through an in-order message queue and a simulated
 * clock: who gives what up when one node, both nodes, or nobody loses the ping node.
 */
class IpfailPairTest {

    static final Duration DELAY = Duration.ofMillis(400);
    static final String PING = "10.0.0.254";

    /** One node: its ipfail, what its daemon would report, its timers and what it gave up. */
    static final class Node {
        final String name;
        final Ipfail ipfail;
        IpfailState state = IpfailState.initial();
        int visible = 1;
        boolean stable = true;
        final Map<IpfailTimer, Long> timers = new LinkedHashMap<>();
        final List<StandbyArgument> gaveUp = new ArrayList<>();
        final List<String> log = new ArrayList<>();

        Node(String name, String partner, AutoFailback mode) {
            this.name = name;
            this.ipfail = new Ipfail(new IpfailConfig(true, true, name, Optional.of(partner), mode, DELAY,
                    Duration.ofSeconds(10)));
        }
    }

    final class Pair {
        final Node x1;
        final Node x2;
        final Deque<Runnable> wire = new ArrayDeque<>();
        long now;

        Pair(AutoFailback mode) {
            x1 = new Node("x1", "x2", mode);
            x2 = new Node("x2", "x1", mode);
            handle(x1, new IpfailEvent.NodeStatusChanged("x2", "active"));
            handle(x2, new IpfailEvent.NodeStatusChanged("x1", "active"));
            handle(x1, new IpfailEvent.Start());
            handle(x2, new IpfailEvent.Start());
            settle();
        }

        Node other(Node node) {
            return node == x1 ? x2 : x1;
        }

        void handle(Node node, IpfailEvent event) {
            IpfailDecision decision = node.ipfail.decide(node.state, event, new IpfailFacts(node.visible, node.stable, "active"));
            node.state = decision.state();
            for (IpfailAction action : decision.actions()) {
                switch (action) {
                    case IpfailAction.SendToPartner send -> wire.add(() ->
                            handle(other(node), new IpfailEvent.FromPartner(send.message())));
                    case IpfailAction.StartTimer start -> node.timers.put(start.timer(), now + start.delay().toMillis());
                    case IpfailAction.CancelTimer cancel -> node.timers.remove(cancel.timer());
                    case IpfailAction.Log log -> node.log.add(log.text());
                    case IpfailAction.GiveUp giveUp -> node.gaveUp.add(giveUp.argument());
                }
            }
        }

        /** Delivers every message in flight (1 ms each), firing timers that come due meanwhile. */
        void settle() {
            while (!wire.isEmpty()) {
                advance(1);
                wire.poll().run();
            }
        }

        /** Lets {@code millis} pass: messages first, then due timers in order. */
        void advance(long millis) {
            long until = now + millis;
            while (true) {
                Optional<Map.Entry<Node, IpfailTimer>> next = due(until);
                if (next.isEmpty()) {
                    break;
                }
                Node node = next.get().getKey();
                IpfailTimer timer = next.get().getValue();
                now = node.timers.remove(timer);
                handle(node, new IpfailEvent.TimerFired(timer));
            }
            now = until;
        }

        private Optional<Map.Entry<Node, IpfailTimer>> due(long until) {
            Map.Entry<Node, IpfailTimer> best = null;
            long bestAt = Long.MAX_VALUE;
            for (Node node : List.of(x1, x2)) {
                for (Map.Entry<IpfailTimer, Long> t : node.timers.entrySet()) {
                    if (t.getValue() <= until && t.getValue() < bestAt) {
                        bestAt = t.getValue();
                        best = Map.entry(node, t.getKey());
                    }
                }
            }
            return Optional.ofNullable(best);
        }

        /** The ping node stops answering {@code node}: its link, then its status, as the daemon reports them. */
        void losePing(Node node) {
            node.visible = 0;
            handle(node, new IpfailEvent.LinkStatusChanged(PING, PING, "dead"));
            handle(node, new IpfailEvent.NodeStatusChanged(PING, "dead"));
        }

        void regainPing(Node node) {
            node.visible = 1;
            handle(node, new IpfailEvent.NodeStatusChanged(PING, "ping"));
        }

        void runFor(long millis) {
            for (long i = 0; i < millis; i++) {
                if (!wire.isEmpty()) {
                    wire.poll().run();
                }
                advance(1);
            }
        }
    }

    @Test
    void bothSignOnFindTheCountBalancedAndGiveNothingUp() {
        Pair pair = new Pair(AutoFailback.OFF);
        pair.runFor(5_000);
        assertTrue(pair.x1.state.partnerOnline() && pair.x2.state.partnerOnline());
        assertTrue(pair.x1.log.contains("Ping node count is balanced."), pair.x1.log.toString());
        assertEquals(List.of(), pair.x1.gaveUp);
        assertEquals(List.of(), pair.x2.gaveUp);
    }

    @Test
    void theNodeThatLostThePingNodeGivesEverythingUpAfterTheDelay() {
        Pair pair = new Pair(AutoFailback.ON);
        pair.runFor(5_000);
        pair.x1.gaveUp.clear();
        pair.x2.gaveUp.clear();

        pair.losePing(pair.x1);
        pair.runFor(5_000);
        assertEquals(List.of(StandbyArgument.ALL), pair.x1.gaveUp);
        assertEquals(List.of(), pair.x2.gaveUp);
        assertTrue(pair.x2.log.contains("Telling other node that we have more visible ping nodes."));
        assertTrue(pair.x1.log.contains("Giving up because we were told that we have less ping nodes."));
        assertTrue(pair.x1.log.contains("giveup() called (timeout worked)"));
    }

    @Test
    void whenBothLoseThePingNodeWithinTheDelayNobodyGivesAnythingUp() {
        Pair pair = new Pair(AutoFailback.OFF);
        pair.runFor(5_000);

        pair.losePing(pair.x1);
        pair.runFor(150); // x2 still sees it: x1 is told it is dead and delays its give-up
        assertTrue(pair.x1.state.giveup().isPresent());
        pair.losePing(pair.x2);
        pair.runFor(5_000);
        assertEquals(List.of(), pair.x1.gaveUp);
        assertEquals(List.of(), pair.x2.gaveUp);
        assertTrue(pair.x1.log.stream().anyMatch(l -> l.startsWith("Aborted delayed giveup (")), pair.x1.log.toString());
    }

    @Test
    void whenThePathReturnsWithAutoFailbackOnTheHolderGivesTheForeignGroupsBack() {
        Pair pair = new Pair(AutoFailback.ON);
        pair.runFor(5_000);
        pair.losePing(pair.x1);
        pair.runFor(5_000);
        pair.x2.gaveUp.clear();

        pair.regainPing(pair.x1);
        pair.runFor(5_000);
        assertEquals(List.of(StandbyArgument.FOREIGN), pair.x2.gaveUp);
        assertTrue(pair.x1.log.contains("No giveup timer to abort."), pair.x1.log.toString());
    }

    @Test
    void whenThePathReturnsWithAutoFailbackOffNothingMoves() {
        Pair pair = new Pair(AutoFailback.OFF);
        pair.runFor(5_000);
        pair.losePing(pair.x1);
        pair.runFor(5_000);
        assertEquals(List.of(StandbyArgument.ALL), pair.x1.gaveUp);

        pair.regainPing(pair.x1);
        pair.runFor(5_000);
        assertEquals(List.of(StandbyArgument.ALL), pair.x1.gaveUp);
        assertEquals(List.of(), pair.x2.gaveUp);
    }

    @Test
    void aGiveUpDueWhileResourcesAreInTransitionWaitsForThePartnerToBeStableThenCountsAgain() {
        Pair pair = new Pair(AutoFailback.OFF);
        pair.runFor(5_000);
        pair.x1.stable = false;
        pair.losePing(pair.x1);
        pair.runFor(5_000);
        assertEquals(List.of(), pair.x1.gaveUp);
        assertTrue(pair.x1.state.needStandby());

        pair.x1.stable = true;
        pair.handle(pair.x1, new IpfailEvent.PartnerStable());
        pair.runFor(9_000);
        assertEquals(List.of(), pair.x1.gaveUp, "waits 10 s first");
        pair.runFor(5_000);
        assertEquals(List.of(StandbyArgument.ALL), pair.x1.gaveUp);
    }
}
