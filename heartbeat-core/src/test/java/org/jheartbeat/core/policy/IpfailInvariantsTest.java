package org.jheartbeat.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jheartbeat.core.config.AutoFailback;
import org.jheartbeat.core.policy.IpfailState.PendingGiveup;
import org.jheartbeat.core.policy.IpfailState.Phase;
import org.junit.jupiter.api.Test;

/**
 * Every event against every combination of phase, partner tracking, pending give-up, deferred
 * standby, recount wait, daemon facts and configuration, checking what must hold whatever the
 * state: nothing is sent to a partner that is neither active nor heard from, nothing happens while ipfail does not
 * run, a give-up happens only when its own timer fires with resources stable, timers are new,
 * and no timer is left behind by a state that forgets it.
 */
class IpfailInvariantsTest {

    static final IpfailTimer GIVEUP = new IpfailTimer(IpfailTimer.Kind.GIVEUP, 3);
    static final IpfailTimer RECOUNT = new IpfailTimer(IpfailTimer.Kind.RECOUNT, 4);
    static final IpfailTimer OTHER = new IpfailTimer(IpfailTimer.Kind.GIVEUP, 2);

    static List<IpfailConfig> configs() {
        List<IpfailConfig> configs = new ArrayList<>();
        for (AutoFailback mode : AutoFailback.values()) {
            for (boolean resources : new boolean[] {true, false}) {
                for (Optional<String> partner : List.of(Optional.of("x2"), Optional.<String>empty())) {
                    configs.add(new IpfailConfig(true, resources, "x1", partner, mode, Duration.ofMillis(400),
                            Duration.ofSeconds(10)));
                }
            }
        }
        configs.add(new IpfailConfig(false, true, "x1", Optional.of("x2"), AutoFailback.ON, Duration.ofMillis(400),
                Duration.ofSeconds(10)));
        return configs;
    }

    static List<IpfailState> states() {
        List<IpfailState> states = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            for (boolean online : new boolean[] {true, false}) {
                for (boolean signedOn : new boolean[] {true, false}) {
                    for (Optional<PendingGiveup> giveup : List.of(Optional.<PendingGiveup>empty(),
                            Optional.of(new PendingGiveup(StandbyArgument.ALL, GIVEUP)),
                            Optional.of(new PendingGiveup(StandbyArgument.FOREIGN, GIVEUP)))) {
                        for (boolean needStandby : new boolean[] {true, false}) {
                            for (Optional<IpfailTimer> recount : List.of(Optional.<IpfailTimer>empty(),
                                    Optional.of(RECOUNT))) {
                                states.add(new IpfailState(phase, online, signedOn, giveup, needStandby, recount, 5));
                            }
                        }
                    }
                }
            }
        }
        return states;
    }

    static List<IpfailEvent> events() {
        List<IpfailEvent> events = new ArrayList<>(List.of(new IpfailEvent.Start(), new IpfailEvent.Stop(),
                new IpfailEvent.PartnerRestarted(), new IpfailEvent.PartnerStable(),
                new IpfailEvent.TimerFired(GIVEUP), new IpfailEvent.TimerFired(RECOUNT),
                new IpfailEvent.TimerFired(OTHER)));
        for (String node : List.of("x2", "10.0.0.254", "x9")) {
            for (String status : List.of("dead", "ping", "active", "up", "init")) {
                events.add(new IpfailEvent.NodeStatusChanged(node, status));
            }
            events.add(new IpfailEvent.LinkStatusChanged(node, "eth0", "dead"));
            events.add(new IpfailEvent.LinkStatusChanged(node, "eth0", "up"));
        }
        for (IpfailMessage message : List.of(new IpfailMessage.Join(), new IpfailMessage.Leave(),
                new IpfailMessage.NumPingNodes(0), new IpfailMessage.NumPingNodes(1),
                new IpfailMessage.NumPingNodes(3), new IpfailMessage.YouAreDead(), new IpfailMessage.AbortGiveup())) {
            events.add(new IpfailEvent.FromPartner(message));
        }
        return events;
    }

    static List<IpfailFacts> facts() {
        List<IpfailFacts> facts = new ArrayList<>();
        for (int visible : new int[] {0, 1}) {
            for (boolean stable : new boolean[] {true, false}) {
                for (String partner : List.of("active", "up", "init", "dead", "")) {
                    facts.add(new IpfailFacts(visible, stable, partner));
                }
            }
        }
        return facts;
    }

    @Test
    void rulesThatHoldInEveryState() {
        int checked = 0;
        List<IpfailEvent> events = events();
        List<IpfailFacts> allFacts = facts();
        for (IpfailConfig config : configs()) {
            Ipfail ipfail = new Ipfail(config);
            for (IpfailState state : states()) {
                for (IpfailEvent event : events) {
                    for (IpfailFacts facts : allFacts) {
                        check(ipfail, state, event, facts);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 100_000, "checked " + checked);
    }

    private static void check(Ipfail ipfail, IpfailState state, IpfailEvent event, IpfailFacts facts) {
        IpfailDecision decision = ipfail.decide(state, event, facts);
        // Built only for a failure message: a million checks must not format a million states.
        java.util.function.Supplier<String> where = () -> ipfail.config() + " " + state + " " + event + " " + facts
                + " -> " + decision;
        IpfailState next = decision.state();
        List<IpfailAction> actions = decision.actions();
        boolean running = state.phase() == Phase.RUNNING;

        if (!running && !(event instanceof IpfailEvent.Start)) {
            assertTrue(actions.isEmpty(), () -> "ipfail that does not run does nothing: " + where.get());
            assertEquals(state.phase(), next.phase(), where);
        }
        if (next.phase() == Phase.DISABLED && state.phase() == Phase.WAITING) {
            assertTrue(!ipfail.config().managesResources() || ipfail.config().mode() == AutoFailback.LEGACY, where);
        }
        long nextId = state.nextId();
        List<IpfailTimer> cancelled = new ArrayList<>();
        for (IpfailAction action : actions) {
            switch (action) {
                case IpfailAction.SendToPartner send -> assertTrue(ipfail.config().partner().isPresent()
                        && (facts.partnerStatus().equals("active")
                                || facts.partnerStatus().equals("up") && next.partnerOnline()),
                        () -> "sent to a partner that is neither active nor heard from: " + where.get());
                case IpfailAction.GiveUp giveUp -> {
                    assertTrue(event instanceof IpfailEvent.TimerFired fired && state.giveup().isPresent()
                            && state.giveup().get().timer().equals(fired.timer()) && facts.resourcesStable(),
                            () -> "a give-up only when its timer fires with resources stable: " + where.get());
                    assertEquals(state.giveup().get().argument(), giveUp.argument(), where);
                }
                case IpfailAction.StartTimer start -> {
                    assertTrue(start.timer().id() >= nextId, () -> "timer ids are never reused: " + where.get());
                    nextId = start.timer().id() + 1;
                }
                case IpfailAction.CancelTimer cancel -> cancelled.add(cancel.timer());
                case IpfailAction.Log log -> {
                }
            }
        }
        assertTrue(next.nextId() >= nextId, where);
        // A pending timer the next state no longer knows was cancelled (or is the one that fired).
        for (IpfailTimer timer : List.of(GIVEUP, RECOUNT)) {
            boolean knownBefore = state.giveup().map(PendingGiveup::timer).filter(timer::equals).isPresent()
                    || state.recount().filter(timer::equals).isPresent();
            boolean knownAfter = next.giveup().map(PendingGiveup::timer).filter(timer::equals).isPresent()
                    || next.recount().filter(timer::equals).isPresent();
            boolean fired = event instanceof IpfailEvent.TimerFired f && f.timer().equals(timer);
            if (knownBefore && !knownAfter && !fired && !cancelled.contains(timer)) {
                fail("timer " + timer + " forgotten without cancelling it: " + where.get());
            }
        }
        if (event instanceof IpfailEvent.FromPartner from) {
            assertEquals(!(from.message() instanceof IpfailMessage.Leave), next.partnerOnline(),
                    () -> "whatever the partner's ipfail says shows it online, except signing off: " + where.get());
        }
    }
}
