package org.jheartbeat.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jheartbeat.core.config.AutoFailback;
import org.jheartbeat.core.policy.IpfailAction.CancelTimer;
import org.jheartbeat.core.policy.IpfailAction.GiveUp;
import org.jheartbeat.core.policy.IpfailAction.Log;
import org.jheartbeat.core.policy.IpfailAction.SendToPartner;
import org.jheartbeat.core.policy.IpfailAction.StartTimer;
import org.jheartbeat.core.policy.IpfailMessage.AbortGiveup;
import org.jheartbeat.core.policy.IpfailMessage.Join;
import org.jheartbeat.core.policy.IpfailMessage.Leave;
import org.jheartbeat.core.policy.IpfailMessage.NumPingNodes;
import org.jheartbeat.core.policy.IpfailMessage.YouAreDead;
import org.jheartbeat.core.policy.IpfailState.PendingGiveup;
import org.jheartbeat.core.policy.IpfailState.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spec §11 row by row: for a state, an event and what the daemon reports at that moment, the
 * exact actions (log texts, messages, timers, give-ups) and the next state.
 */
class IpfailTableTest {

    static final Duration TWO_KEEPALIVES = Duration.ofSeconds(2);
    static final IpfailConfig ON = config(true, true, AutoFailback.ON, Optional.of("x2"));
    static final IpfailConfig OFF = config(true, true, AutoFailback.OFF, Optional.of("x2"));

    static final IpfailTimer PENDING_TIMER = new IpfailTimer(IpfailTimer.Kind.GIVEUP, 5);
    static final IpfailTimer RECOUNT_TIMER = new IpfailTimer(IpfailTimer.Kind.RECOUNT, 6);
    static final IpfailTimer NEW_TIMER = new IpfailTimer(IpfailTimer.Kind.GIVEUP, 9);

    static final IpfailState RUNNING = new IpfailState(Phase.RUNNING, true, true, Optional.empty(), false, Optional.empty(), 9);
    static final IpfailState PENDING_ALL = new IpfailState(Phase.RUNNING, true, true,
            Optional.of(new PendingGiveup(StandbyArgument.ALL, PENDING_TIMER)), false, Optional.empty(), 9);
    static final IpfailState PENDING_FOREIGN = new IpfailState(Phase.RUNNING, true, true,
            Optional.of(new PendingGiveup(StandbyArgument.FOREIGN, PENDING_TIMER)), false, Optional.empty(), 9);
    static final IpfailState NEEDS_STANDBY = new IpfailState(Phase.RUNNING, true, true, Optional.empty(), true,
            Optional.empty(), 9);
    static final IpfailState RECOUNTING = new IpfailState(Phase.RUNNING, true, true, Optional.empty(), false,
            Optional.of(RECOUNT_TIMER), 9);

    static final IpfailFacts SEES_ONE_STABLE = new IpfailFacts(1, true, "active");
    static final IpfailFacts SEES_ONE_IN_FLUX = new IpfailFacts(1, false, "active");
    static final IpfailFacts SEES_NONE_STABLE = new IpfailFacts(0, true, "active");
    /** The partner is dead (or restarting: init). */
    static final IpfailFacts ALONE = new IpfailFacts(1, true, "dead");
    /** The partner's status packets still say up: its communications are coming up. */
    static final IpfailFacts PARTNER_UP = new IpfailFacts(1, true, "up");
    static final IpfailFacts SEES_TWO_STABLE = new IpfailFacts(2, true, "active");

    static IpfailConfig config(boolean configured, boolean resources, AutoFailback mode, Optional<String> partner) {
        return new IpfailConfig(configured, resources, "x1", partner, mode, TWO_KEEPALIVES, Duration.ofSeconds(10));
    }

    static Log info(String text) {
        return new Log(LogLevel.INFO, text);
    }

    static final Log ASKING = info("Asking other side for ping node count.");

    static IpfailState withNextId(IpfailState s, long nextId) {
        return new IpfailState(s.phase(), s.partnerOnline(), s.signedOn(), s.giveup(), s.needStandby(), s.recount(), nextId);
    }

    static IpfailState withGiveup(IpfailState s, StandbyArgument argument, IpfailTimer timer) {
        return new IpfailState(s.phase(), s.partnerOnline(), s.signedOn(), Optional.of(new PendingGiveup(argument, timer)),
                s.needStandby(), s.recount(), timer.id() + 1);
    }

    static IpfailState without(IpfailState s) {
        return new IpfailState(s.phase(), s.partnerOnline(), s.signedOn(), Optional.empty(), s.needStandby(), Optional.empty(),
                s.nextId());
    }

    static IpfailState partnerOnline(IpfailState s, boolean online) {
        return new IpfailState(s.phase(), online, s.signedOn(), s.giveup(), s.needStandby(), s.recount(), s.nextId());
    }

    static IpfailState signedOn(IpfailState s, boolean signedOn) {
        return new IpfailState(s.phase(), s.partnerOnline(), signedOn, s.giveup(), s.needStandby(), s.recount(),
                s.nextId());
    }

    static IpfailState phase(IpfailState s, Phase phase) {
        return new IpfailState(phase, s.partnerOnline(), s.signedOn(), s.giveup(), s.needStandby(), s.recount(), s.nextId());
    }

    static IpfailEvent from(IpfailMessage message) {
        return new IpfailEvent.FromPartner(message);
    }

    record Row(String name, IpfailConfig config, IpfailState state, IpfailEvent event, IpfailFacts facts,
               List<IpfailAction> actions, IpfailState next) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> rows() {
        List<Row> rows = List.of(
                // ---- a node becomes dead: nothing is sent
                new Row("any node dead while ping nodes are seen", ON, RUNNING,
                        new IpfailEvent.NodeStatusChanged("10.0.0.254", "dead"), SEES_ONE_STABLE,
                        List.of(info("Status update: Node 10.0.0.254 now has status dead"),
                                info("NS: We are still alive!")), RUNNING),
                new Row("any node dead while no ping node is seen", ON, RUNNING,
                        new IpfailEvent.NodeStatusChanged("10.0.0.254", "dead"), SEES_NONE_STABLE,
                        List.of(info("Status update: Node 10.0.0.254 now has status dead"),
                                info("NS: We are dead. :<")), RUNNING),
                new Row("the partner dead: its ipfail is offline", ON, RUNNING,
                        new IpfailEvent.NodeStatusChanged("x2", "dead"), ALONE,
                        List.of(info("Status update: Node x2 now has status dead"),
                                info("NS: We are still alive!")), signedOn(partnerOnline(RUNNING, false), false)),
                new Row("another status is only logged", ON, RUNNING,
                        new IpfailEvent.NodeStatusChanged("x2", "active"), SEES_ONE_STABLE,
                        List.of(info("Status update: Node x2 now has status active")), RUNNING),
                // ---- a ping node comes up: ask
                new Row("a ping node comes up", ON, RUNNING,
                        new IpfailEvent.NodeStatusChanged("10.0.0.254", "ping"), SEES_TWO_STABLE,
                        List.of(info("Status update: Node 10.0.0.254 now has status ping"),
                                info("A ping node just came up."), ASKING, new SendToPartner(new NumPingNodes(2))),
                        RUNNING),
                // ---- a link dies: ask
                new Row("a link dies while ping nodes are seen", ON, RUNNING,
                        new IpfailEvent.LinkStatusChanged("x2", "eth0", "dead"), SEES_ONE_STABLE,
                        List.of(info("Link Status update: Link x2/eth0 now has status dead"), ASKING,
                                new SendToPartner(new NumPingNodes(1)),
                                info("Checking remote count of ping nodes.")), RUNNING),
                new Row("a link dies while no ping node is seen", ON, RUNNING,
                        new IpfailEvent.LinkStatusChanged("10.0.0.254", "10.0.0.254", "dead"), SEES_NONE_STABLE,
                        List.of(info("Link Status update: Link 10.0.0.254/10.0.0.254 now has status dead"),
                                info("We are dead. :<"), ASKING, new SendToPartner(new NumPingNodes(0))), RUNNING),
                new Row("a link comes up: only logged", ON, RUNNING,
                        new IpfailEvent.LinkStatusChanged("x2", "eth0", "up"), SEES_ONE_STABLE,
                        List.of(info("Link Status update: Link x2/eth0 now has status up")), RUNNING),
                // ---- the partner's ipfail signs on: ask
                new Row("the partner's ipfail signs on", ON, partnerOnline(RUNNING, false), from(new Join()),
                        SEES_ONE_STABLE, List.of(ASKING, new SendToPartner(new NumPingNodes(1))), RUNNING),
                // ---- num_ping_nodes
                new Row("we see more: tell the partner it is dead", ON, RUNNING, from(new NumPingNodes(0)),
                        SEES_ONE_STABLE,
                        List.of(info("Telling other node that we have more visible ping nodes."),
                                new SendToPartner(new YouAreDead())), RUNNING),
                new Row("we see fewer: delayed give-up of all", ON, RUNNING, from(new NumPingNodes(2)),
                        SEES_ONE_STABLE,
                        List.of(info("Giving up because we have less visible ping nodes."),
                                info("Delayed giveup in 2 seconds."), new StartTimer(NEW_TIMER, TWO_KEEPALIVES)),
                        withGiveup(RUNNING, StandbyArgument.ALL, NEW_TIMER)),
                new Row("balanced, auto_failback on, stable: delayed give-up of foreign", ON, RUNNING,
                        from(new NumPingNodes(1)), SEES_ONE_STABLE,
                        List.of(info("Ping node count is balanced."), new SendToPartner(new AbortGiveup()),
                                info("Giving up foreign resources (auto_failback)."),
                                info("Delayed giveup in 2 seconds."), new StartTimer(NEW_TIMER, TWO_KEEPALIVES)),
                        withGiveup(RUNNING, StandbyArgument.FOREIGN, NEW_TIMER)),
                new Row("balanced, auto_failback on, in transition: nothing to give", ON, RUNNING,
                        from(new NumPingNodes(1)), SEES_ONE_IN_FLUX,
                        List.of(info("Ping node count is balanced."), new SendToPartner(new AbortGiveup())), RUNNING),
                new Row("balanced, auto_failback off: nothing to give", OFF, RUNNING, from(new NumPingNodes(1)),
                        SEES_ONE_STABLE,
                        List.of(info("Ping node count is balanced."), new SendToPartner(new AbortGiveup())), RUNNING),
                new Row("balanced with a give-up pending: cancel it (no flapping)", ON, PENDING_ALL,
                        from(new NumPingNodes(0)), new IpfailFacts(0, true, "active"),
                        List.of(info("Ping node count is balanced."), new SendToPartner(new AbortGiveup()),
                                info("Aborted delayed giveup (5)"), new CancelTimer(PENDING_TIMER)), RUNNING),
                new Row("balanced at zero: nobody gives anything up", OFF, RUNNING, from(new NumPingNodes(0)),
                        SEES_NONE_STABLE,
                        List.of(info("Ping node count is balanced."), new SendToPartner(new AbortGiveup())), RUNNING),
                // ---- you_are_dead
                new Row("told we are dead: delayed give-up of all", ON, RUNNING, from(new YouAreDead()),
                        SEES_NONE_STABLE,
                        List.of(info("Giving up because we were told that we have less ping nodes."),
                                info("Delayed giveup in 2 seconds."), new StartTimer(NEW_TIMER, TWO_KEEPALIVES)),
                        withGiveup(RUNNING, StandbyArgument.ALL, NEW_TIMER)),
                new Row("told we are dead with a give-up pending: the new one replaces it", ON, PENDING_FOREIGN,
                        from(new YouAreDead()), SEES_NONE_STABLE,
                        List.of(info("Giving up because we were told that we have less ping nodes."),
                                info("Delayed giveup in 2 seconds."), new CancelTimer(PENDING_TIMER),
                                new StartTimer(NEW_TIMER, TWO_KEEPALIVES)),
                        withGiveup(RUNNING, StandbyArgument.ALL, NEW_TIMER)),
                // ---- abort_giveup
                new Row("abort with a give-up pending", ON, PENDING_ALL, from(new AbortGiveup()), SEES_ONE_STABLE,
                        List.of(info("Aborted delayed giveup (5)"), new CancelTimer(PENDING_TIMER)), RUNNING),
                new Row("abort with nothing pending", ON, RUNNING, from(new AbortGiveup()), SEES_ONE_STABLE,
                        List.of(info("No giveup timer to abort.")), RUNNING),
                // ---- the delayed give-up fires
                new Row("give-up fires, resources stable: hb_standby all", ON, PENDING_ALL,
                        new IpfailEvent.TimerFired(PENDING_TIMER), SEES_NONE_STABLE,
                        List.of(info("giveup() called (timeout worked)"), new GiveUp(StandbyArgument.ALL)), RUNNING),
                new Row("foreign give-up fires, resources stable: hb_standby foreign", ON, PENDING_FOREIGN,
                        new IpfailEvent.TimerFired(PENDING_TIMER), SEES_ONE_STABLE,
                        List.of(info("giveup() called (timeout worked)"), new GiveUp(StandbyArgument.FOREIGN)),
                        RUNNING),
                new Row("give-up fires in transition: wait for the partner to be stable", ON, PENDING_ALL,
                        new IpfailEvent.TimerFired(PENDING_TIMER), new IpfailFacts(0, false, "active"),
                        List.of(info("giveup() called (timeout worked)"), new Log(LogLevel.DEBUG,
                                "resources in transition: giving up all waits for the other node to be stable")),
                        NEEDS_STANDBY),
                new Row("a cancelled give-up's timer does nothing", ON, RUNNING,
                        new IpfailEvent.TimerFired(PENDING_TIMER), SEES_NONE_STABLE, List.of(), RUNNING),
                // ---- the partner becomes stable
                new Row("partner stable while a give-up was deferred: wait 10 s", ON, NEEDS_STANDBY,
                        new IpfailEvent.PartnerStable(), SEES_NONE_STABLE,
                        List.of(new StartTimer(new IpfailTimer(IpfailTimer.Kind.RECOUNT, 9), Duration.ofSeconds(10))),
                        new IpfailState(Phase.RUNNING, true, true, Optional.empty(), false,
                                Optional.of(new IpfailTimer(IpfailTimer.Kind.RECOUNT, 9)), 10)),
                new Row("partner stable, nothing deferred", ON, RUNNING, new IpfailEvent.PartnerStable(),
                        SEES_NONE_STABLE, List.of(), RUNNING),
                new Row("after the wait: ask again", ON, RECOUNTING, new IpfailEvent.TimerFired(RECOUNT_TIMER),
                        SEES_NONE_STABLE, List.of(ASKING, new SendToPartner(new NumPingNodes(0))), RUNNING),
                // ---- start conditions
                new Row("start: signs on to the active partner", ON, IpfailState.initial(), new IpfailEvent.Start(),
                        SEES_ONE_STABLE, List.of(new SendToPartner(new Join())),
                        signedOn(phase(IpfailState.initial(), Phase.RUNNING), true)),
                new Row("start while the partner is not active: nothing is sent", ON, IpfailState.initial(),
                        new IpfailEvent.Start(), ALONE, List.of(), phase(IpfailState.initial(), Phase.RUNNING)),
                new Row("start without managed resources", config(true, false, AutoFailback.ON, Optional.of("x2")),
                        IpfailState.initial(), new IpfailEvent.Start(), SEES_ONE_STABLE,
                        List.of(new Log(LogLevel.ERROR, "No managed resources")),
                        phase(IpfailState.initial(), Phase.DISABLED)),
                new Row("start with auto_failback legacy",
                        config(true, true, AutoFailback.LEGACY, Optional.of("x2")), IpfailState.initial(),
                        new IpfailEvent.Start(), SEES_ONE_STABLE,
                        List.of(new Log(LogLevel.ERROR, "auto_failback set to incompatible legacy option.")),
                        phase(IpfailState.initial(), Phase.DISABLED)),
                new Row("start without a respawn ipfail line", config(false, true, AutoFailback.ON,
                        Optional.of("x2")), IpfailState.initial(), new IpfailEvent.Start(), SEES_ONE_STABLE,
                        List.of(), IpfailState.initial()),
                new Row("start twice", ON, RUNNING, new IpfailEvent.Start(), SEES_ONE_STABLE, List.of(), RUNNING),
                // ---- stop
                new Row("stop: timers cancelled, signs off", ON,
                        new IpfailState(Phase.RUNNING, true, true, Optional.of(new PendingGiveup(StandbyArgument.ALL,
                                PENDING_TIMER)), false, Optional.of(RECOUNT_TIMER), 9),
                        new IpfailEvent.Stop(), SEES_ONE_STABLE,
                        List.of(new CancelTimer(PENDING_TIMER), new CancelTimer(RECOUNT_TIMER),
                                new SendToPartner(new Leave())), phase(RUNNING, Phase.STOPPED)),
                new Row("stopped: a pending timer does nothing", ON, phase(PENDING_ALL, Phase.STOPPED),
                        new IpfailEvent.TimerFired(PENDING_TIMER), SEES_ONE_STABLE, List.of(),
                        phase(PENDING_ALL, Phase.STOPPED)),
                // ---- not running: nothing is decided, the partner's ipfail is still tracked
                new Row("waiting: a ping node's death is not ipfail's business yet", ON, IpfailState.initial(),
                        new IpfailEvent.NodeStatusChanged("10.0.0.254", "dead"), SEES_NONE_STABLE, List.of(),
                        IpfailState.initial()),
                new Row("waiting: the partner's join marks its ipfail online", ON, IpfailState.initial(),
                        from(new Join()), SEES_ONE_STABLE, List.of(), partnerOnline(IpfailState.initial(), true)),
                new Row("running, the partner is up but its clients are not: wait", ON,
                        phase(IpfailState.initial(), Phase.RUNNING), new IpfailEvent.NodeStatusChanged("x2", "up"),
                        PARTNER_UP, List.of(info("Status update: Node x2 now has status up")),
                        phase(IpfailState.initial(), Phase.RUNNING)),
                new Row("running, the partner becomes active: sign on to it", ON,
                        phase(IpfailState.initial(), Phase.RUNNING), new IpfailEvent.NodeStatusChanged("x2", "active"),
                        SEES_ONE_STABLE, List.of(info("Status update: Node x2 now has status active"),
                                new SendToPartner(new Join())),
                        signedOn(phase(IpfailState.initial(), Phase.RUNNING), true)),
                new Row("running, the partner's ipfail speaks before its status is active here: answer it", ON,
                        phase(IpfailState.initial(), Phase.RUNNING), from(new NumPingNodes(1)), PARTNER_UP,
                        List.of(info("Ping node count is balanced."), new SendToPartner(new AbortGiveup()),
                                info("Giving up foreign resources (auto_failback)."),
                                info("Delayed giveup in 2 seconds."),
                                new StartTimer(new IpfailTimer(IpfailTimer.Kind.GIVEUP, 1), TWO_KEEPALIVES),
                                new SendToPartner(new Join())),
                        new IpfailState(Phase.RUNNING, true, true, Optional.of(new PendingGiveup(
                                StandbyArgument.FOREIGN, new IpfailTimer(IpfailTimer.Kind.GIVEUP, 1))), false,
                                Optional.empty(), 2)),
                new Row("running, the partner's join comes before its status is active here: ask it", ON,
                        phase(IpfailState.initial(), Phase.RUNNING), from(new Join()), PARTNER_UP,
                        List.of(ASKING, new SendToPartner(new NumPingNodes(1)), new SendToPartner(new Join())),
                        signedOn(partnerOnline(phase(IpfailState.initial(), Phase.RUNNING), true), true)),
                new Row("the partner restarting (status init) is not active", ON, RUNNING,
                        new IpfailEvent.NodeStatusChanged("x2", "init"), ALONE,
                        List.of(info("Status update: Node x2 now has status init")),
                        signedOn(partnerOnline(RUNNING, false), false)),
                new Row("the partner up, its ipfail heard: it is asked", ON, RUNNING,
                        new IpfailEvent.NodeStatusChanged("10.0.0.254", "ping"), PARTNER_UP,
                        List.of(info("Status update: Node 10.0.0.254 now has status ping"),
                                info("A ping node just came up."), ASKING, new SendToPartner(new NumPingNodes(1))),
                        RUNNING),
                new Row("the partner up, its ipfail not heard: nothing is sent", ON, partnerOnline(RUNNING, false),
                        new IpfailEvent.NodeStatusChanged("10.0.0.254", "ping"), PARTNER_UP,
                        List.of(info("Status update: Node 10.0.0.254 now has status ping"),
                                info("A ping node just came up."), ASKING), partnerOnline(RUNNING, false)),
                new Row("the partner dead before its death reached ipfail: nothing is sent", ON,
                        RUNNING, new IpfailEvent.NodeStatusChanged("10.0.0.254", "ping"),
                        ALONE, List.of(info("Status update: Node 10.0.0.254 now has status ping"),
                                info("A ping node just came up."), ASKING), RUNNING),
                new Row("disabled: you_are_dead changes nothing", ON, phase(RUNNING, Phase.DISABLED),
                        from(new YouAreDead()), SEES_NONE_STABLE, List.of(), phase(RUNNING, Phase.DISABLED)),
                new Row("disabled: a link death changes nothing", ON, phase(RUNNING, Phase.DISABLED),
                        new IpfailEvent.LinkStatusChanged("x2", "eth0", "dead"), SEES_NONE_STABLE, List.of(),
                        phase(RUNNING, Phase.DISABLED)),
                // ---- the partner's ipfail goes away
                new Row("the partner signs off", ON, RUNNING, from(new Leave()), SEES_ONE_STABLE, List.of(),
                        partnerOnline(RUNNING, false)),
                new Row("the partner's daemon restarted: wait until its new run is active", ON, RUNNING,
                        new IpfailEvent.PartnerRestarted(), ALONE, List.of(),
                        signedOn(partnerOnline(RUNNING, false), false)),
                // ---- no partner: counts are logged, nothing is sent
                new Row("no partner: asking sends nothing", config(true, true, AutoFailback.ON, Optional.empty()),
                        RUNNING, new IpfailEvent.LinkStatusChanged("10.0.0.254", "10.0.0.254", "dead"),
                        SEES_NONE_STABLE, List.of(info("Link Status update: Link 10.0.0.254/10.0.0.254 now has"
                                + " status dead"), info("We are dead. :<"), ASKING), RUNNING));
        return rows.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) {
        IpfailDecision decision = new Ipfail(row.config()).decide(row.state(), row.event(), row.facts());
        assertEquals(row.actions(), decision.actions(), row.name());
        assertEquals(row.next(), decision.state(), row.name());
    }

    @Test
    void theDelayIsTwiceTheKeepaliveAndTheLogSaysWholeSeconds() {
        IpfailConfig fast = new IpfailConfig(true, true, "x1", Optional.of("x2"), AutoFailback.ON,
                Duration.ofMillis(400), Duration.ofSeconds(10));
        IpfailDecision decision = new Ipfail(fast).decide(RUNNING, from(new YouAreDead()), SEES_NONE_STABLE);
        assertEquals(List.of(info("Giving up because we were told that we have less ping nodes."),
                info("Delayed giveup in 0 seconds."), new StartTimer(NEW_TIMER, Duration.ofMillis(400))),
                decision.actions());
        IpfailConfig slow = new IpfailConfig(true, true, "x1", Optional.of("x2"), AutoFailback.ON,
                Duration.ofMillis(3_000), Duration.ofSeconds(10));
        assertEquals(info("Delayed giveup in 3 seconds."),
                new Ipfail(slow).decide(RUNNING, from(new YouAreDead()), SEES_NONE_STABLE).actions().get(1));
    }

    @Test
    void everyNewTimerHasANewId() {
        Ipfail ipfail = new Ipfail(ON);
        IpfailDecision first = ipfail.decide(RUNNING, from(new YouAreDead()), SEES_NONE_STABLE);
        IpfailDecision second = ipfail.decide(first.state(), from(new YouAreDead()), SEES_NONE_STABLE);
        IpfailTimer a = first.state().giveup().orElseThrow().timer();
        IpfailTimer b = second.state().giveup().orElseThrow().timer();
        assertEquals(a.id() + 1, b.id());
        // The replaced timer firing late changes nothing.
        assertEquals(List.of(), ipfail.decide(second.state(), new IpfailEvent.TimerFired(a), SEES_NONE_STABLE)
                .actions());
    }
}
