package org.jheartbeat.core.membership;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.jheartbeat.core.config.AuthKeys;
import org.jheartbeat.core.config.AuthMethod;
import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.config.HaCf;
import org.jheartbeat.core.config.Medium;
import org.jheartbeat.core.config.PingTarget;
import org.jheartbeat.core.config.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster membership of one daemon: a channel per medium, the ping nodes, the node and link
 * table and the timers that drive them. Start with {@link #start}, watch with
 * {@link #addListener} or {@link #snapshot}, stop with {@link #close}.
 */
public final class Membership implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);

    private final NodeTable table;
    private final LocalStallMeter stalls;
    private final DropCounters drops;
    private final List<MediumChannel> channels;
    private final PingMonitor pings;
    private final ScheduledExecutorService timer;
    private volatile StatusSender sender;
    private final HandoffStreams handoff;
    private final long incarnation;
    private final long scanNanos;
    /** Hand-off packets rehearsed at start at most, and for how long ({@link HandoffRehearsal}). */
    private static final int HANDOFF_REHEARSAL_ROUNDS = 200;
    private static final long HANDOFF_REHEARSAL_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** How much earlier than a due verdict its scan's thread wakes (see {@link #scanAgainAt}). */
    private static final long WAKE_EARLY_NANOS = TimeUnit.MICROSECONDS.toNanos(300);
    /** When the pending precise scan runs, or Long.MAX_VALUE; only the timer's one thread uses it. */
    private long preciseScanAt = Long.MAX_VALUE;

    private Membership(NodeTable table, LocalStallMeter stalls, DropCounters drops, List<MediumChannel> channels,
                       PingMonitor pings, ScheduledExecutorService timer, HandoffStreams handoff, long incarnation,
                       long scanNanos) {
        this.table = table;
        this.stalls = stalls;
        this.drops = drops;
        this.channels = channels;
        this.pings = pings;
        this.timer = timer;
        this.handoff = handoff;
        this.incarnation = incarnation;
        this.scanNanos = scanNanos;
    }

    /**
     * How often unacknowledged hand-off messages are sent again: every keepalive, but at least
     * every 200 ms and at most every 10 ms, so a lost packet delays a hand-off only briefly.
     */
    public static Duration retransmitInterval(Duration keepalive) {
        return Duration.ofMillis(Math.min(200, Math.max(10, keepalive.toMillis())));
    }

    /**
     * How often silence is checked: a quarter of keepalive, at least 1 ms and at most 25 ms
     * (Heartbeat checks every 250 ms). A verdict due between two scans gets a scan of its own
     * (see {@link #scanAgainAt}); the regular ones also time this node's own stalls
     * ({@link LocalStallMeter}). A scan is a few comparisons: 40 a second cost nothing measurable.
     */
    public static Duration scanInterval(Duration keepalive) {
        return Duration.ofMillis(Math.min(25, Math.max(1, keepalive.toMillis() / 4)));
    }

    /** {@link #start(HaConfig, Path, MembershipListener)} with Heartbeat's state directory. */
    public static Membership start(HaConfig config, MembershipListener listener) throws MembershipException {
        return start(config, GenerationFile.DEFAULT_STATE_DIRECTORY, listener);
    }

    /** {@link #start(HaConfig, Path, MembershipListener, HandoffListener)} without hand-off messages. */
    public static Membership start(HaConfig config, Path stateDirectory, MembershipListener listener)
            throws MembershipException {
        return start(config, stateDirectory, listener, (sender, payload) -> { });
    }

    /**
     * Takes the next generation from {@code stateDirectory}, opens every medium and starts
     * sending status packets.
     *
     * @param stateDirectory where {@code hb_generation} is kept (Heartbeat: /var/lib/heartbeat)
     * @param listener       receives every membership event from the first one on (may be null)
     * @param handoff        receives every hand-off message from the first one on
     */
    public static Membership start(HaConfig config, Path stateDirectory, MembershipListener listener,
                                   HandoffListener handoff)
            throws MembershipException {
        HaCf cf = config.haCf();
        Timers timers = cf.timers();
        String local = config.localNode();
        KeyRing keys = KeyRing.of(config.authKeys());
        warnIfCrc(keys);
        if (!RealtimeScheduling.raiseJvmStopTheWorldThread()) {
            LOG.info("could not give the JVM's garbage collector realtime priority; collections may take"
                    + " longer on a busy node");
        }
        if (!RealtimeScheduling.lockMemory()) {
            LOG.info("Cannot lock ourselves into memory; pages may be paged out under memory pressure");
        }
        SenderIdentity identity = new SenderIdentity(local, GenerationFile.next(stateDirectory));
        LOG.info("Heartbeat generation: {}", identity.incarnation());

        Map<String, List<Medium>> channelMedia = groupIntoChannels(cf.media());
        List<String> linkNames = cf.media().stream().map(Medium::interfaceName).distinct().toList();
        List<String> pingNames = cf.pingTargets().stream().map(PingTarget::name).toList();
        long scan = scanInterval(timers.keepalive()).toNanos();
        LocalStallMeter stalls = new LocalStallMeter(scan);
        NodeTable table = new NodeTable(local, cf.nodes(), linkNames, pingNames, timers, System::nanoTime,
                stalls::stalledNanos);
        if (listener != null) {
            table.addListener(listener);
        }
        DropCounters drops = new DropCounters();
        HandoffStreams streams = new HandoffStreams(identity, table::incarnationOf);
        streams.setListener(handoff);
        MediumChannel.Shared shared = new MediumChannel.Shared(identity, keys, new HashSet<>(cf.nodes()),
                new ReplayGuard(), drops, table, streams);

        List<MediumChannel> channels = new ArrayList<>();
        PingMonitor pings = null;
        try {
            for (List<Medium> media : channelMedia.values()) {
                MediumChannel channel = MediumChannel.open(media, shared);
                channels.add(channel);
                LOG.info("started {}", channel.description());
                table.localLinkUp(channel.linkName(), identity.incarnation());
            }
            if (!cf.pingTargets().isEmpty()) {
                pings = new PingMonitor(table, resolvePingAddresses(cf.pingTargets()));
            }
            table.mediaOpen();
        } catch (MembershipException | IOException | RuntimeException e) {
            channels.forEach(MediumChannel::close);
            throw e instanceof MembershipException me ? me
                    : new MembershipException("cannot start membership: " + e.getMessage(), e);
        }

        cf.nodes().stream().filter(node -> !node.equals(local)).findFirst().ifPresent(peer -> Thread.ofVirtual()
                .name("rehearse hand-offs").start(() -> rehearseHandoffs(streams, peer)));

        ThreadFactory timerThreads = Thread.ofPlatform().daemon().name("membership-scan").factory();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1,
                task -> timerThreads.newThread(RealtimeScheduling.raised(task)));
        Membership membership = new Membership(table, stalls, drops, List.copyOf(channels), pings, timer, streams,
                identity.incarnation(), scan);
        int deadtimeMillis = (int) timers.deadtime().toMillis();
        membership.sender = new StatusSender("heartbeat-sender", timers.keepalive().toNanos(),
                () -> membership.sendStatus(deadtimeMillis)).start();
        timer.scheduleAtFixedRate(membership::scan, scan, scan, TimeUnit.NANOSECONDS);
        long retransmit = retransmitInterval(timers.keepalive()).toNanos();
        timer.scheduleAtFixedRate(membership::retransmit, retransmit, retransmit, TimeUnit.NANOSECONDS);
        return membership;
    }

    private static void rehearseHandoffs(HandoffStreams streams, String peer) {
        long began = System.nanoTime();
        try {
            int rounds = HandoffRehearsal.rehearse(streams.links(), peer, HANDOFF_REHEARSAL_ROUNDS,
                    HANDOFF_REHEARSAL_BUDGET_NANOS);
            LOG.debug("hand-off path rehearsed {} times in {} ms", rounds,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        } catch (RuntimeException e) {
            LOG.debug("hand-off rehearsal stopped (only the speed of a first hand-off suffers): {}", e.toString());
        }
    }

    private static void warnIfCrc(KeyRing keys) {
        if (keys.active().method() == AuthMethod.CRC) {
            LOG.warn("authkeys selects crc: packets are only checked for damage, NOT authenticated;"
                    + " anyone on the network can forge them. Use sha1, sha256 or sha512.");
        }
    }

    /** Uses a reread authkeys on every medium from the next packet on (key rotation). */
    public void replaceKeys(AuthKeys authKeys) {
        KeyRing keys = KeyRing.of(authKeys);
        warnIfCrc(keys);
        channels.forEach(channel -> channel.replaceKeys(keys));
    }

    /** bcast and mcast lines each make a channel; the ucast lines of one interface share one. */
    private static Map<String, List<Medium>> groupIntoChannels(List<Medium> media) {
        Map<String, List<Medium>> groups = new LinkedHashMap<>();
        for (Medium m : media) {
            String key = m.type().equals("ucast") ? "ucast " + m.interfaceName() : m.type() + " " + m.line() + " "
                    + m.interfaceName();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
        }
        return groups;
    }

    private static Map<String, List<Inet4Address>> resolvePingAddresses(List<PingTarget> targets)
            throws MembershipException {
        Map<String, List<Inet4Address>> byNode = new LinkedHashMap<>();
        for (PingTarget target : targets) {
            List<Inet4Address> addresses = new ArrayList<>();
            for (String address : target.addresses()) {
                try {
                    if (InetAddress.getByName(address) instanceof Inet4Address v4) {
                        addresses.add(v4);
                    } else {
                        throw new MembershipException("ping: [" + address + "] is not an IPv4 address");
                    }
                } catch (UnknownHostException e) {
                    throw new MembershipException("ping: cannot resolve [" + address + "] (ha.cf line "
                            + target.line() + ")", e);
                }
            }
            byNode.put(target.name(), addresses);
        }
        return byNode;
    }

    private void sendStatus(int deadtimeMillis) {
        NodeStatus status = table.localStatus();
        for (MediumChannel channel : channels) {
            try {
                channel.sendStatus(status, deadtimeMillis);
            } catch (RuntimeException e) {
                LOG.debug("status packet on {} not sent: {}", channel.linkName(), e.toString());
            }
        }
        if (pings != null) {
            pings.sendRound();
        }
    }

    private void scan() {
        try {
            stalls.tick(System.nanoTime());
            scanAgainAt(table.scan());
        } catch (RuntimeException e) {
            LOG.error("membership scan failed", e);
        }
    }

    /**
     * A verdict that falls due before the next regular scan gets a scan of its own at that
     * moment, so a peer is declared dead right at its dead time, not up to a scan interval
     * later; while peers are heard in time that never happens, so it costs no wake-ups. The
     * timer wakes the thread {@link #WAKE_EARLY_NANOS} before and it waits out the rest on the
     * processor: waking from a timer took 0.1 to 0.2 ms on a virtual machine, and a takeover
     * made ready waits for exactly this scan.
     */
    private void scanAgainAt(long due) {
        long delay = due - System.nanoTime();
        if (delay >= scanNanos || due >= preciseScanAt) {
            return;
        }
        preciseScanAt = due;
        timer.schedule(() -> {
            preciseScanAt = Long.MAX_VALUE;
            while (System.nanoTime() - due < 0) {
                Thread.onSpinWait();
            }
            scan();
        }, Math.max(0, delay - WAKE_EARLY_NANOS), TimeUnit.NANOSECONDS);
    }

    private void retransmit() {
        try {
            handoff.retransmit();
        } catch (RuntimeException e) {
            LOG.error("hand-off retransmission failed", e);
        }
    }

    /**
     * Sends a hand-off message to {@code node}: delivered there once, in order, over whichever
     * medium works, unless one of the two daemons restarts first.
     */
    public void sendHandoff(String node, byte[] payload) {
        handoff.send(node, payload);
    }

    /** This run of the daemon, as the other nodes see it. */
    public long incarnation() {
        return incarnation;
    }

    public void addListener(MembershipListener listener) {
        table.addListener(listener);
    }

    public MembershipSnapshot snapshot() {
        return table.snapshot();
    }

    public DropCounters drops() {
        return drops;
    }

    @Override
    public void close() {
        sender.close();
        timer.shutdownNow();
        if (pings != null) {
            try {
                pings.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        channels.forEach(MediumChannel::close);
    }
}
