package org.jheartbeat.core.manager;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jheartbeat.core.membership.LogMarkers;
import org.jheartbeat.core.membership.MembershipSnapshot;
import org.jheartbeat.core.policy.Ipfail;
import org.jheartbeat.core.policy.IpfailAction;
import org.jheartbeat.core.policy.IpfailDecision;
import org.jheartbeat.core.policy.IpfailEvent;
import org.jheartbeat.core.policy.IpfailFacts;
import org.jheartbeat.core.policy.IpfailState;
import org.jheartbeat.core.policy.IpfailTimer;
import org.jheartbeat.core.policy.StandbyArgument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the built-in ipfail on the resource manager's loop thread: reads the facts of the moment
 * from the daemon (visible ping nodes, resource stability), feeds the pure {@link Ipfail}, and
 * carries out its actions. Its give-ups go into the same loop as an {@code hb_standby} would.
 * Every method but the readers must be called on the loop thread.
 */
final class IpfailRunner {

    private static final Logger LOG = LoggerFactory.getLogger(LogMarkers.IPFAIL_LOGGER);

    private final Ipfail ipfail;
    private final ResourceManager.PeerLink partner;
    private final Supplier<MembershipSnapshot> membership;
    private final BooleanSupplier resourcesStable;
    private final Consumer<StandbyArgument> giveUp;
    private final ScheduledExecutorService loop;
    private final Map<IpfailTimer, ScheduledFuture<?>> timers = new HashMap<>();
    private IpfailState state = IpfailState.initial();
    private volatile IpfailState published = state;

    /**
     * @param partner          where messages to the partner's ipfail go (the hand-off stream)
     * @param membership       the daemon's node table now (ping nodes answering, the partner's status)
     * @param resourcesStable  whether rscstatus is anything but {@code transition} now
     * @param giveUp           runs {@code hb_standby ARG} on the loop thread
     * @param loop             the manager's single-threaded loop, where timers fire
     */
    IpfailRunner(Ipfail ipfail, ResourceManager.PeerLink partner, Supplier<MembershipSnapshot> membership,
                 BooleanSupplier resourcesStable, Consumer<StandbyArgument> giveUp, ScheduledExecutorService loop) {
        this.ipfail = Objects.requireNonNull(ipfail, "ipfail");
        this.partner = Objects.requireNonNull(partner, "partner");
        this.membership = Objects.requireNonNull(membership, "membership");
        this.resourcesStable = Objects.requireNonNull(resourcesStable, "resourcesStable");
        this.giveUp = Objects.requireNonNull(giveUp, "giveUp");
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    void handle(IpfailEvent event) {
        IpfailDecision decision;
        try {
            decision = ipfail.decide(state, event, facts());
        } catch (RuntimeException e) {
            LOG.error("ipfail failed on {}", event, e);
            return;
        }
        state = decision.state();
        published = state;
        decision.actions().forEach(this::perform);
    }

    /** Read now, after the event: the table is at least as new as the event being handled. */
    private IpfailFacts facts() {
        MembershipSnapshot table = membership.get();
        String partnerStatus = ipfail.config().partner().flatMap(table::node).map(node -> node.status().word())
                .orElse("");
        return new IpfailFacts(table.visiblePingNodes(), resourcesStable.getAsBoolean(), partnerStatus);
    }

    private void perform(IpfailAction action) {
        switch (action) {
            case IpfailAction.SendToPartner send -> {
                LOG.debug("to the partner's ipfail: {}", send.message());
                partner.send(IpfailMessageCodec.encode(send.message()));
            }
            case IpfailAction.StartTimer start -> timers.put(start.timer(), loop.schedule(() -> {
                timers.remove(start.timer());
                handle(new IpfailEvent.TimerFired(start.timer()));
            }, start.delay().toNanos(), TimeUnit.NANOSECONDS));
            case IpfailAction.CancelTimer cancel -> {
                ScheduledFuture<?> pending = timers.remove(cancel.timer());
                if (pending != null) {
                    pending.cancel(false);
                }
            }
            case IpfailAction.Log log -> ManagerLog.write(LOG, log.level(), log.text());
            case IpfailAction.GiveUp give -> giveUp.accept(give.argument());
        }
    }

    /** Whether this node's ipfail runs (any thread). */
    boolean running() {
        return published.running();
    }

    /** Whether the partner's ipfail is known to run (any thread). */
    boolean partnerOnline() {
        return published.partnerOnline();
    }
}
