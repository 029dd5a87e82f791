package org.jheartbeat.core.manager;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.PreparedStart;
import org.jheartbeat.core.config.AutoFailback;
import org.jheartbeat.core.membership.LogMarkers;
import org.jheartbeat.core.membership.MembershipEvent;
import org.jheartbeat.core.membership.MembershipSnapshot;
import org.jheartbeat.core.membership.RateLimitedLog;
import org.jheartbeat.core.membership.RealtimeScheduling;
import org.jheartbeat.core.policy.Decision;
import org.jheartbeat.core.policy.HoldSet;
import org.jheartbeat.core.policy.Ipfail;
import org.jheartbeat.core.policy.IpfailEvent;
import org.jheartbeat.core.policy.PeerMessage;
import org.jheartbeat.core.policy.Policy;
import org.jheartbeat.core.policy.PolicyAction;
import org.jheartbeat.core.policy.PolicyEvent;
import org.jheartbeat.core.policy.PolicyState;
import org.jheartbeat.core.policy.RscStatus;
import org.jheartbeat.core.policy.StandbyArgument;
import org.jheartbeat.core.policy.TimerToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's resource manager: one thread that owns the policy state, feeds it every event
 * (membership changes, hand-off messages, admin requests, timers, outcomes of resource work) in
 * the order they happened, and carries out the decisions. Resource work runs on virtual
 * threads and comes back as events, so the loop never waits for an agent.
 *
 * <p>The built-in ipfail runs in the same loop: it sees the same membership events, its
 * messages share the hand-off stream, and its give-ups are {@code hb_standby} requests.
 *
 * <p>Readers ({@link #rscStatus}, {@link #state}, {@link #ipfailRunning}) see the state
 * published after the last event and never wait for the loop.
 *
 * <p>A takeover clients wait for is made ready ahead when it can be ({@link TakeoverPreparation}):
 * the thread that learns it is due (the membership's at a dead verdict, the receiving thread at
 * the peer's release notice) fires it without waiting for the loop.
 */
public final class ResourceManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("heartbeat");
    /** Rounds and time the policy rehearsal may take at start (about a third of a second of one core). */
    private static final int REHEARSAL_ROUNDS = 300;
    private static final long REHEARSAL_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(400);

    /** Where hand-off messages to the peer go. */
    @FunctionalInterface
    public interface PeerLink {
        void send(byte[] payload);
    }

    private final Policy policy;
    private final Map<String, ManagedGroup> groups;
    private final GroupWork work;
    private final PeerLink peer;
    private final LongSupplier clockMillis;
    private final ScheduledThreadPoolExecutor loop;
    private final Map<TimerToken, ScheduledFuture<?>> timers = new HashMap<>();
    /** Probes run ahead of a hand-over, by group key; touched only by the loop thread. */
    private final Map<String, CompletableFuture<AdvanceProbe>> probesAhead = new HashMap<>();
    private final CompletableFuture<Void> shutdownComplete = new CompletableFuture<>();
    /** A quick restart waiting for this node to be stable; touched only by the loop thread. */
    private CompletableFuture<PolicyState> suspension;
    private final RateLimitedLog badMessages = new RateLimitedLog(LOG, 10_000);
    private final IpfailRunner ipfail;
    private PolicyState state;
    private volatile PolicyState published;
    /** Policy events submitted and not yet handled: a takeover fires only when there are none. */
    private final AtomicInteger unhandledEvents = new AtomicInteger();
    private final TakeoverPreparation takeovers;

    /**
     * @param groups     every haresources group, in file order, keyed as the policy names them
     * @param initial    the policy's first state: {@link Policy#initialState} at start, or
     *                   {@link Policy#restartedState} after a quick restart (the groups kept running)
     * @param ipfail     the built-in ipfail (it does nothing unless ha.cf asks for it)
     * @param membership the node table now, read by ipfail when it decides
     */
    public ResourceManager(Policy policy, PolicyState initial, List<ManagedGroup> groups, AgentContext context,
                           PeerLink peer, LongSupplier clockMillis, Ipfail ipfail,
                           Supplier<MembershipSnapshot> membership) {
        this.policy = Objects.requireNonNull(policy, "policy");
        Map<String, ManagedGroup> byKey = new LinkedHashMap<>();
        groups.forEach(g -> byKey.put(g.key(), g));
        this.groups = Map.copyOf(byKey);
        this.work = new GroupWork(context);
        this.peer = Objects.requireNonNull(peer, "peer");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.state = Objects.requireNonNull(initial, "initial");
        this.published = state;
        this.loop = new ScheduledThreadPoolExecutor(1,
                task -> Thread.ofPlatform().name("resource-manager").daemon().unstarted(task));
        loop.setRemoveOnCancelPolicy(true);
        this.takeovers = new TakeoverPreparation(policy, this.groups, context, work, clockMillis, () -> published,
                unhandledEvents::get, this::enqueue);
        this.ipfail = new IpfailRunner(ipfail, peer, membership,
                () -> policy.rscStatus(state) != RscStatus.TRANSITION,
                argument -> handle(new PolicyEvent.StandbyRequested(argument)), loop);
        Thread.ofVirtual().name("prepare for takeovers").start(this::prepareForTakeovers);
    }

    /** Gets the hand-off code compiled and the agents warm before the first takeover needs them. */
    private void prepareForTakeovers() {
        long began = System.nanoTime();
        try {
            TakeoverPreparation.linkReleaseCheck();
            PolicyRehearsal.Rehearsed done = PolicyRehearsal.rehearse(policy, REHEARSAL_ROUNDS, REHEARSAL_BUDGET_NANOS);
            LOG.debug("policy rehearsed in {} ms: {}", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), done);
        } catch (RuntimeException e) {
            LOG.debug("policy rehearsal stopped (only the speed of a first takeover suffers): {}", e.toString());
        }
        groups.values().forEach(work::prepare);
    }

    // ---- inputs (any thread)

    /**
     * Called by the membership on its own thread. A dead verdict on the peer first fires the
     * takeover made ready while the peer was late, right here, before the loop hears of it.
     */
    public void membershipEvent(MembershipEvent event) {
        String local = policy.config().localNode();
        if (event instanceof MembershipEvent.NodeLate lateness) {
            if (isPeer(lateness.node())) {
                enqueue(() -> takeovers.peerLateness(lateness.late()));
            }
            return;
        }
        if (event instanceof MembershipEvent.DeadVerdict verdict) {
            if (isPeer(verdict.node())) {
                takeovers.fireAtDeadVerdict();
            }
            return;
        }
        MembershipTranslation.toPolicyEvent(event, local).ifPresent(this::submit);
        MembershipTranslation.toIpfailEvent(event, local, policy.config().peer()).ifPresent(this::submitToIpfail);
    }

    /** A hand-off payload from {@code sender}, as the membership delivered it. */
    public void peerPayload(String sender, byte[] payload) {
        if (!policy.config().isPeer(sender)) {
            badMessages.warn("sender " + sender, "hand-off message from " + sender
                    + ", which is not this node's peer: ignored");
            return;
        }
        try {
            if (ReleaseNoticeCodec.isReleaseNotice(payload)) {
                takeovers.fireAtRelease(ReleaseNoticeCodec.decode(payload));
                return;
            }
            if (IpfailMessageCodec.isIpfail(payload)) {
                submitToIpfail(new IpfailEvent.FromPartner(IpfailMessageCodec.decode(payload)));
                return;
            }
            PeerMessage message = PeerMessageCodec.decode(payload);
            if (message instanceof PeerMessage.AskResources ask
                    && ask.step() == PeerMessage.AskResources.StandbyStep.DONE) {
                takeovers.fireAtRelease(ask.set());
            }
            submit(new PolicyEvent.FromPeer(message));
            if (message instanceof PeerMessage.ResourceAnnouncement announcement && announcement.stable()
                    && announcement.info() == PeerMessage.ResourceAnnouncement.Info.NONE) {
                submitToIpfail(new IpfailEvent.PartnerStable());
            }
        } catch (IOException e) {
            badMessages.warn("malformed " + sender, "malformed hand-off message from " + sender + " dropped: "
                    + e.getMessage());
        }
    }

    /** {@code hb_standby ARG}: empty when accepted, else why not. */
    public Optional<String> requestStandby(StandbyArgument argument) {
        return refusal().or(() -> {
            submit(new PolicyEvent.StandbyRequested(argument));
            return Optional.empty();
        });
    }

    /** {@code hb_takeover ARG}: empty when accepted, else why not. */
    public Optional<String> requestTakeover(StandbyArgument argument) {
        return refusal().or(() -> {
            submit(new PolicyEvent.TakeoverRequested(argument));
            return Optional.empty();
        });
    }

    private Optional<String> refusal() {
        if (policy.config().mode() == AutoFailback.LEGACY) {
            return Optional.of("Standby mode only implemented when nice_failback on");
        }
        if (policy.config().peer().isEmpty()) {
            return Optional.of("no other node to hand resources to");
        }
        return Optional.empty();
    }

    /**
     * Graceful stop: releases every group to the peer. The future completes once everything is
     * stopped and the peer was told.
     */
    public CompletableFuture<Void> shutdown() {
        submitToIpfail(new IpfailEvent.Stop());
        submit(new PolicyEvent.ShutdownRequested());
        return shutdownComplete;
    }

    /**
     * Quick restart: completes with the state once this node is stable (no group starting or
     * stopping, no hand-off under way); from then on the manager takes no events, and the groups
     * keep running for the next manager. Cancel the future to give up waiting.
     */
    public CompletableFuture<PolicyState> suspend() {
        CompletableFuture<PolicyState> stable = new CompletableFuture<>();
        loop.execute(() -> {
            suspension = stable;
            suspendIfStable();
        });
        return stable;
    }

    private void suspendIfStable() {
        if (suspension == null) {
            return;
        }
        if (suspension.isDone()) { // cancelled by the caller
            suspension = null;
        } else if (state.locallyStable()) {
            suspension.complete(state);
            loop.shutdownNow();
            takeovers.close();
        }
    }

    public void submit(PolicyEvent event) {
        unhandledEvents.incrementAndGet();
        try {
            loop.execute(() -> {
                try {
                    handle(event);
                } finally {
                    unhandledEvents.decrementAndGet();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            unhandledEvents.decrementAndGet();
            LOG.debug("event after close ignored: {}", event);
        }
    }

    private void enqueue(Runnable task) {
        try {
            loop.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("manager task after close ignored");
        }
    }

    private boolean isPeer(String node) {
        return policy.config().isPeer(node);
    }

    private void submitToIpfail(IpfailEvent event) {
        try {
            loop.execute(() -> ipfail.handle(event));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("ipfail event after close ignored: {}", event);
        }
    }

    // ---- readers (any thread)

    /** Whether this node's ipfail runs: {@code cl_status clientstatus LOCAL ipfail}. */
    public boolean ipfailRunning() {
        return ipfail.running();
    }

    /** Whether the peer's ipfail is known to run: {@code cl_status clientstatus PEER ipfail}. */
    public boolean peerIpfailOnline() {
        return ipfail.partnerOnline();
    }

    public RscStatus rscStatus() {
        return policy.rscStatus(published);
    }

    public PolicyState state() {
        return published;
    }

    // ---- the loop

    private void handle(PolicyEvent event) {
        Decision decision;
        try {
            decision = policy.decide(state, event, clockMillis.getAsLong());
        } catch (RuntimeException e) {
            LOG.error("resource policy failed on {}", event, e);
            return;
        }
        state = decision.state();
        published = state;
        takeovers.beforeActions(decision);
        decision.actions().forEach(this::perform);
        takeovers.afterActions(event);
        suspendIfStable();
    }

    private void perform(PolicyAction action) {
        switch (action) {
            case PolicyAction.StartGroup start -> {
                ManagedGroup group = groups.get(start.key());
                CompletableFuture<AdvanceProbe> ahead = probesAhead.remove(start.key());
                List<PreparedStart> fired = takeovers.handOver(start.key());
                Thread.ofVirtual().name("start " + start.key()).start(() -> {
                    AdvanceProbe probed = ahead == null ? AdvanceProbe.none() : ahead.join();
                    submit(work.start(group, probed, fired, clockMillis) ? new PolicyEvent.GroupStarted(start.key())
                            : new PolicyEvent.GroupStartFailed(start.key()));
                });
            }
            case PolicyAction.ProbeAhead probe -> {
                ManagedGroup group = groups.get(probe.key());
                long validUntil = clockMillis.getAsLong() + probe.validFor().toMillis();
                CompletableFuture<AdvanceProbe> probed = new CompletableFuture<>();
                probesAhead.put(probe.key(), probed);
                Thread.ofVirtual().name("probe " + probe.key()).start(() -> {
                    try {
                        probed.complete(work.probe(group, validUntil));
                    } finally {
                        probed.complete(AdvanceProbe.none()); // no-op unless the probe threw
                    }
                });
            }
            case PolicyAction.StopGroup stop -> {
                probesAhead.remove(stop.key());
                ManagedGroup group = groups.get(stop.key());
                Optional<HoldSet> completesRelease = takeovers.releaseCompletedBy(stop.key());
                Optional<Runnable> notice = completesRelease.map(set -> releaseNotice(stop.key(), set));
                Runnable stopWork = () -> {
                    boolean stopped = notice.isPresent() ? work.stop(group, notice.get()) : work.stop(group);
                    submit(stopped ? new PolicyEvent.GroupStopped(stop.key())
                            : new PolicyEvent.GroupStopFailed(stop.key()));
                };
                if (completesRelease.isPresent() && group.stopsWithinKernel()) {
                    Thread.ofPlatform().name("release " + stop.key()).daemon()
                            .start(RealtimeScheduling.raised(stopWork));
                } else {
                    Thread.ofVirtual().name("stop " + stop.key()).start(stopWork);
                }
            }
            case PolicyAction.SendToPeer send -> {
                LOG.debug("to peer: {}", send.message());
                peer.send(PeerMessageCodec.encode(send.message()));
            }
            case PolicyAction.StartTimer timer -> timers.put(timer.token(), loop.schedule(
                    () -> {
                        timers.remove(timer.token());
                        handle(new PolicyEvent.TimerFired(timer.token()));
                    }, timer.delay().toNanos(), TimeUnit.NANOSECONDS));
            case PolicyAction.CancelTimer cancel -> {
                ScheduledFuture<?> pending = timers.remove(cancel.token());
                if (pending != null) {
                    pending.cancel(false);
                }
            }
            case PolicyAction.Log log -> ManagerLog.write(LOG, log.level(), log.text());
            case PolicyAction.ReannounceAddresses again -> {
                ManagedGroup group = groups.get(again.key());
                Thread.ofVirtual().name("reannounce " + again.key()).start(() -> work.reannounce(group));
            }
            case PolicyAction.StopFailureEscalation failed -> LOG.error(LogMarkers.CRIT,
                    "Resource group {} could not be stopped. Reset this node (or stop the resource by hand and"
                            + " restart heartbeat) before the other node may take it.", failed.key());
            case PolicyAction.ShutdownComplete ignored -> shutdownComplete.complete(null);
        }
    }

    /**
     * Sends the release notice for {@code set} when run, from inside the group's last stop the
     * moment its resource is gone; encoded now, ahead of that. A send that throws is logged, not
     * the stop's failure: the peer then starts on "done".
     */
    private Runnable releaseNotice(String key, HoldSet set) {
        byte[] notice = ReleaseNoticeCodec.encode(set);
        return () -> {
            try {
                peer.send(notice);
            } catch (RuntimeException e) {
                LOG.warn("release notice for {} not sent: {}", key, e.toString());
            }
        };
    }

    /** Starts nothing new; resource work in flight finishes on its own threads. */
    @Override
    public void close() {
        loop.shutdownNow();
        takeovers.close();
    }
}
