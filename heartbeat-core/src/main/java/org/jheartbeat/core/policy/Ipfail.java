package org.jheartbeat.core.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jheartbeat.core.config.AutoFailback;
import org.jheartbeat.core.policy.IpfailMessage.AbortGiveup;
import org.jheartbeat.core.policy.IpfailMessage.Join;
import org.jheartbeat.core.policy.IpfailMessage.Leave;
import org.jheartbeat.core.policy.IpfailMessage.NumPingNodes;
import org.jheartbeat.core.policy.IpfailMessage.YouAreDead;
import org.jheartbeat.core.policy.IpfailState.PendingGiveup;
import org.jheartbeat.core.policy.IpfailState.Phase;

/**
 * Heartbeat's ipfail (spec §11) as a pure function: (state, event, facts) → (state, actions).
 * When a node loses sight of ping nodes it asks its partner how many the partner sees; the node
 * that sees fewer gives all its groups up by the standby protocol, after a delay of twice the
 * keepalive that a "balanced" answer cancels, so two nodes that lose the same ping node at
 * about the same time do not hand groups back and forth. With auto_failback on, a balanced
 * count also makes the node give the partner's home groups back.
 *
 * <p>No I/O, clock or threads: the caller supplies the {@link IpfailFacts} of the moment, runs
 * the actions and feeds timers back.
 */
public final class Ipfail {

    private final IpfailConfig config;

    public Ipfail(IpfailConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public IpfailConfig config() {
        return config;
    }

    public IpfailDecision decide(IpfailState state, IpfailEvent event, IpfailFacts facts) {
        Step s = new Step(state, facts);
        switch (event) {
            case IpfailEvent.Start ignored -> s.start();
            case IpfailEvent.Stop ignored -> s.stop();
            case IpfailEvent.NodeStatusChanged changed -> s.nodeStatus(changed.node(), changed.status());
            case IpfailEvent.LinkStatusChanged changed -> s.linkStatus(changed.node(), changed.link(), changed.status());
            case IpfailEvent.PartnerRestarted ignored -> s.partnerRestarted();
            case IpfailEvent.FromPartner from -> s.fromPartner(from.message());
            case IpfailEvent.PartnerStable ignored -> s.partnerStable();
            case IpfailEvent.TimerFired fired -> s.timerFired(fired.timer());
        }
        s.signOnIfDue();
        return s.decision();
    }

    /** One decision in the making: the state's fields, changed in place, and the actions so far. */
    private final class Step {
        private final IpfailFacts facts;
        private final List<IpfailAction> actions = new ArrayList<>();
        private Phase phase;
        private boolean partnerOnline;
        private boolean signedOn;
        private Optional<PendingGiveup> giveup;
        private boolean needStandby;
        private Optional<IpfailTimer> recount;
        private long nextId;

        Step(IpfailState state, IpfailFacts facts) {
            this.facts = facts;
            this.phase = state.phase();
            this.partnerOnline = state.partnerOnline();
            this.signedOn = state.signedOn();
            this.giveup = state.giveup();
            this.needStandby = state.needStandby();
            this.recount = state.recount();
            this.nextId = state.nextId();
        }

        IpfailDecision decision() {
            return new IpfailDecision(new IpfailState(phase, partnerOnline, signedOn, giveup, needStandby, recount, nextId),
                    actions);
        }

        void start() {
            if (phase != Phase.WAITING || !config.configured()) {
                return;
            }
            // Heartbeat's ipfail exits with 100 (never respawned) in these two cases.
            if (!config.managesResources()) {
                log(LogLevel.ERROR, "No managed resources");
                phase = Phase.DISABLED;
                return;
            }
            if (config.mode() == AutoFailback.LEGACY) {
                log(LogLevel.ERROR, "auto_failback set to incompatible legacy option.");
                phase = Phase.DISABLED;
                return;
            }
            phase = Phase.RUNNING;
        }

        /**
         * Tells the partner's current run that this ipfail runs, as soon as both are true (at start,
         * or when the partner comes up later): a running partner ipfail then counts ping nodes
         * with this one, and knows this one is online.
         */
        void signOnIfDue() {
            if (phase == Phase.RUNNING && partnerListening() && !signedOn && config.partner().isPresent()) {
                sendToPartner(new Join());
                signedOn = true;
            }
        }

        void partnerRestarted() {
            partnerOnline = false;
            signedOn = false;
        }

        void stop() {
            if (phase != Phase.RUNNING) {
                return;
            }
            giveup.ifPresent(pending -> actions.add(new IpfailAction.CancelTimer(pending.timer())));
            recount.ifPresent(timer -> actions.add(new IpfailAction.CancelTimer(timer)));
            giveup = Optional.empty();
            recount = Optional.empty();
            needStandby = false;
            sendToPartner(new Leave());
            phase = Phase.STOPPED;
        }

        void nodeStatus(String node, String status) {
            if (config.partner().filter(node::equals).isPresent() && !status.equals("active")) {
                // Its clients stop with it; a new run of it is signed on to once it is active.
                partnerOnline = false;
                signedOn = false;
            }
            if (phase != Phase.RUNNING) {
                return;
            }
            info("Status update: Node " + node + " now has status " + status);
            if (status.equals("dead")) {
                info(facts.visiblePingNodes() > 0 ? "NS: We are still alive!" : "NS: We are dead. :<");
            } else if (status.equals("ping")) {
                info("A ping node just came up.");
                ask();
            }
        }

        void linkStatus(String node, String link, String status) {
            if (phase != Phase.RUNNING) {
                return;
            }
            info("Link Status update: Link " + node + "/" + link + " now has status " + status);
            if (!status.equals("dead")) {
                return;
            }
            if (facts.visiblePingNodes() > 0) {
                ask();
                info("Checking remote count of ping nodes.");
            } else {
                info("We are dead. :<");
                ask();
            }
        }

        void fromPartner(IpfailMessage message) {
            partnerOnline = !(message instanceof Leave);
            if (phase != Phase.RUNNING) {
                return;
            }
            switch (message) {
                case Join ignored -> ask();
                case Leave ignored -> {
                }
                case NumPingNodes count -> compare(count.count());
                case YouAreDead ignored -> {
                    info("Giving up because we were told that we have less ping nodes.");
                    delayGiveup(StandbyArgument.ALL);
                }
                case AbortGiveup ignored -> abortGiveup();
            }
        }

        private void compare(int remote) {
            int local = facts.visiblePingNodes();
            if (local > remote) {
                info("Telling other node that we have more visible ping nodes.");
                sendToPartner(new YouAreDead());
            } else if (local < remote) {
                info("Giving up because we have less visible ping nodes.");
                delayGiveup(StandbyArgument.ALL);
            } else {
                info("Ping node count is balanced.");
                sendToPartner(new AbortGiveup());
                if (giveup.isPresent()) {
                    abortGiveup();
                } else if (config.mode() == AutoFailback.ON && facts.resourcesStable()) {
                    info("Giving up foreign resources (auto_failback).");
                    delayGiveup(StandbyArgument.FOREIGN);
                }
            }
        }

        void partnerStable() {
            if (phase != Phase.RUNNING || !needStandby) {
                return;
            }
            // Heartbeat's ipfail sleeps here so the partner's address announcements finish,
            // then counts again rather than trusting what it decided before the wait.
            needStandby = false;
            recount.ifPresent(earlier -> actions.add(new IpfailAction.CancelTimer(earlier)));
            IpfailTimer timer = newTimer(IpfailTimer.Kind.RECOUNT);
            recount = Optional.of(timer);
            actions.add(new IpfailAction.StartTimer(timer, config.recountDelay()));
        }

        void timerFired(IpfailTimer timer) {
            if (phase != Phase.RUNNING) {
                return;
            }
            if (recount.filter(timer::equals).isPresent()) {
                recount = Optional.empty();
                ask();
                return;
            }
            Optional<PendingGiveup> due = giveup.filter(pending -> pending.timer().equals(timer));
            if (due.isEmpty()) {
                return;
            }
            giveup = Optional.empty();
            info("giveup() called (timeout worked)");
            if (facts.resourcesStable()) {
                needStandby = false;
                actions.add(new IpfailAction.GiveUp(due.get().argument()));
            } else {
                needStandby = true;
                log(LogLevel.DEBUG, "resources in transition: giving up " + due.get().argument().standbySet()
                        + " waits for the other node to be stable");
            }
        }

        private void ask() {
            info("Asking other side for ping node count.");
            sendToPartner(new NumPingNodes(facts.visiblePingNodes()));
        }

        private void delayGiveup(StandbyArgument argument) {
            Duration delay = config.giveupDelay();
            info("Delayed giveup in " + delay.toMillis() / 1000 + " seconds.");
            giveup.ifPresent(pending -> actions.add(new IpfailAction.CancelTimer(pending.timer())));
            IpfailTimer timer = newTimer(IpfailTimer.Kind.GIVEUP);
            giveup = Optional.of(new PendingGiveup(argument, timer));
            actions.add(new IpfailAction.StartTimer(timer, delay));
        }

        private void abortGiveup() {
            if (giveup.isPresent()) {
                IpfailTimer timer = giveup.get().timer();
                info("Aborted delayed giveup (" + timer.id() + ")");
                actions.add(new IpfailAction.CancelTimer(timer));
                giveup = Optional.empty();
            } else {
                info("No giveup timer to abort.");
            }
        }

        private IpfailTimer newTimer(IpfailTimer.Kind kind) {
            return new IpfailTimer(kind, nextId++);
        }

        /** Whether the partner can take messages now (see {@link IpfailFacts#partnerStatus}). */
        private boolean partnerListening() {
            return facts.partnerStatus().equals("active") || facts.partnerStatus().equals("up") && partnerOnline;
        }

        private void sendToPartner(IpfailMessage message) {
            if (config.partner().isPresent() && partnerListening()) {
                actions.add(new IpfailAction.SendToPartner(message));
            }
        }

        private void info(String text) {
            log(LogLevel.INFO, text);
        }

        private void log(LogLevel level, String text) {
            actions.add(new IpfailAction.Log(level, text));
        }
    }
}
