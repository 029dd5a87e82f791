package org.jheartbeat.core.membership;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

import org.jheartbeat.core.config.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node and link table of spec §2: which nodes and which of their links are heard, the
 * dead-time verdicts, late heartbeats, restarts and the communications-up condition. Fed by the
 * media ({@link #heard}) and by ping monitors ({@link #pingAnswered}), checked by {@link #scan}.
 * Time comes from a nanosecond clock so the rules can be exercised exactly in unit tests.
 */
public final class NodeTable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeTable.class);

    private static final class Link {
        LinkStatus status = LinkStatus.DEAD;
        long lastHeard;
        long stallAtLastHeard; // the local stall total then
    }

    private static final class Node {
        final String name;
        final NodeType type;
        final Map<String, Link> links = new LinkedHashMap<>();
        NodeStatus status = NodeStatus.INIT;
        long statusSinceEpochMillis = System.currentTimeMillis(); // for operators and benchmarks only
        long incarnation;
        long lastStatusPacket;
        long stallAtLastStatus;
        boolean statusSeen; // lastStatusPacket is meaningful
        long advertisedDeadtimeNanos; // 0 until the node told us
        boolean everHeard;
        boolean late; // every link silent for over half the dead time, see scan()

        Node(String name, NodeType type) {
            this.name = name;
            this.type = type;
        }

        /**
         * Counts for communications coming up: a ping node that answered, a normal node that sent a
         * status. A hand-off packet alone does not say the node's status, and comms must not come
         * up while the peer's is unknown.
         */
        boolean present() {
            return type == NodeType.PING ? everHeard : statusSeen;
        }

        boolean anyLinkUp() {
            return links.values().stream().anyMatch(l -> l.status == LinkStatus.UP);
        }
    }

    private final String localNode;
    private final Timers timers;
    private final LongSupplier clock;
    private final LongUnaryOperator localStall;
    private long startedAt;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();
    // read without the table's lock by the status sender, which must never wait for a scan
    private volatile NodeStatus localStatus = NodeStatus.UP;
    private boolean commsUp;

    /**
     * @param normalNodes every {@code node} of ha.cf, the local one included
     * @param linkNames   one name per medium, in ha.cf order
     * @param pingNodes   names of the ping nodes (their one link is named after themselves)
     */
    public NodeTable(String localNode, List<String> normalNodes, List<String> linkNames, List<String> pingNodes,
                     Timers timers, LongSupplier clock) {
        this(localNode, normalNodes, linkNames, pingNodes, timers, clock, now -> 0);
    }

    /**
     * @param localStall for a time of {@code clock}, how long this node itself had been unable to
     *                   run up to then, in total (see {@link LocalStallMeter}); that time is not
     *                   counted as a peer's silence
     */
    NodeTable(String localNode, List<String> normalNodes, List<String> linkNames, List<String> pingNodes,
              Timers timers, LongSupplier clock, LongUnaryOperator localStall) {
        this.localNode = localNode;
        this.localStall = localStall;
        this.timers = timers;
        this.clock = clock;
        this.startedAt = clock.getAsLong();
        for (String name : normalNodes) {
            Node node = new Node(name, NodeType.NORMAL);
            linkNames.forEach(l -> node.links.putIfAbsent(l, new Link()));
            nodes.put(name, node);
        }
        for (String name : pingNodes) {
            Node node = new Node(name, NodeType.PING);
            node.links.put(name, new Link());
            nodes.put(name, node);
        }
        LOG.info("Local status now set to: 'up'");
    }

    public void addListener(MembershipListener listener) {
        listeners.add(listener);
    }

    public NodeStatus localStatus() {
        return localStatus;
    }

    /** The local node's own links are up while their medium runs (we hear our own packets). */
    public synchronized void localLinkUp(String link, long localIncarnation) {
        Node self = nodes.get(localNode);
        self.incarnation = localIncarnation;
        Link l = self.links.get(link);
        if (l != null && l.status != LinkStatus.UP) {
            l.status = LinkStatus.UP;
            LOG.info("Link {}:{} up.", localNode, link);
            publish(new MembershipEvent.LinkStatusChanged(localNode, link, LinkStatus.UP));
        }
        if (self.status != localStatus) {
            setStatus(self, localStatus);
        }
    }

    /**
     * An authenticated packet from a normal node arrived on a medium.
     *
     * @param announced the status it announced, or null for a packet that is not a status packet
     * @param deadtimeMillis the dead time it advertised (only with a status)
     */
    public synchronized void heard(String name, long incarnation, String linkName, NodeStatus announced,
                                   long deadtimeMillis) {
        heard(name, incarnation, linkName, announced, deadtimeMillis, clock.getAsLong());
    }

    /**
     * A packet that arrived at {@code arrivedNanos} (on the clock's scale; never counted later
     * than now): its sender's silence counts from then, not from when it was read and checked.
     */
    public synchronized void heard(String name, long incarnation, String linkName, NodeStatus announced,
                                   long deadtimeMillis, long arrivedNanos) {
        Node node = nodes.get(name);
        if (node == null || node.type != NodeType.NORMAL || name.equals(localNode)) {
            return;
        }
        long clockNow = clock.getAsLong();
        long now = arrivedNanos - clockNow < 0 ? arrivedNanos : clockNow;
        long stall = localStall.applyAsLong(now);
        if (node.everHeard && incarnation > node.incarnation) {
            LOG.info("Heartbeat restart on node {}", name);
            publish(new MembershipEvent.NodeRestarted(name, node.incarnation, incarnation));
            node.statusSeen = false;
        } else if (node.everHeard && incarnation < node.incarnation) {
            return; // the replay guard stops these; a late packet of an older run changes nothing
        } else if (node.everHeard && node.status == NodeStatus.DEAD) {
            LOG.error(LogMarkers.CRIT, "Cluster node {} returning after partition.", name);
            publish(new MembershipEvent.NodeReturnedAfterPartition(name));
        }
        node.incarnation = incarnation;
        node.everHeard = true;
        if (announced != null) {
            checkLateHeartbeat(node, now, stall);
            // two receivers (a link's broadcast and unicast sockets, two links) may hand packets
            // up out of their order of arrival: the latest arrival stands
            if (!node.statusSeen || now - node.lastStatusPacket > 0) {
                node.lastStatusPacket = now;
                node.stallAtLastStatus = stall;
            }
            node.statusSeen = true;
            node.advertisedDeadtimeNanos = deadtimeMillis * 1_000_000L;
        }
        markLinkHeard(node, linkName, now, stall);
        if (node.late) {
            node.late = false;
            publish(new MembershipEvent.NodeLate(name, false));
        }
        if (announced != null && node.status != announced) {
            setStatus(node, announced);
        } else if (node.status == NodeStatus.DEAD) {
            setStatus(node, NodeStatus.UP);
        }
    }

    /** A ping node answered an ICMP echo. */
    public synchronized void pingAnswered(String name) {
        Node node = nodes.get(name);
        if (node == null || node.type != NodeType.PING) {
            return;
        }
        node.everHeard = true;
        long now = clock.getAsLong();
        markLinkHeard(node, name, now, localStall.applyAsLong(now));
        if (node.status != NodeStatus.PING) {
            setStatus(node, NodeStatus.PING);
        }
    }

    private void checkLateHeartbeat(Node node, long now, long stall) {
        if (!node.statusSeen) {
            return;
        }
        long gapMillis = (now - node.lastStatusPacket) / 1_000_000L;
        long stalledMillis = (stall - node.stallAtLastStatus) / 1_000_000L;
        long deadtimeMillis = deadtimeOf(node) / 1_000_000L;
        if (gapMillis - stalledMillis > deadtimeMillis) {
            LOG.error(LogMarkers.CRIT, "Late heartbeat: Node {}: interval {} ms (> deadtime)", node.name, gapMillis);
            if (node.status != NodeStatus.DEAD) {
                declareDead(node);
            }
        } else if (gapMillis > timers.warntime().toMillis()) {
            LOG.warn("Late heartbeat: Node {}: interval {} ms", node.name, gapMillis);
            if (gapMillis > deadtimeMillis) {
                LOG.info("Late heartbeat of node {} not counted against it: this node could not run for {} ms"
                        + " of that interval", node.name, stalledMillis);
            }
        }
    }

    /** How long a link has been silent while this node was able to listen. */
    private long silence(Link link, long now, long stall) {
        return now - link.lastHeard - (stall - link.stallAtLastHeard);
    }

    private void markLinkHeard(Node node, String linkName, long now, long stall) {
        Link link = node.links.get(linkName);
        if (link == null) {
            return;
        }
        if (link.status != LinkStatus.UP || now - link.lastHeard > 0) { // the latest arrival stands
            link.lastHeard = now;
            link.stallAtLastHeard = stall;
        }
        if (link.status != LinkStatus.UP) {
            link.status = LinkStatus.UP;
            LOG.info("Link {}:{} up.", node.name, linkName);
            publish(new MembershipEvent.LinkStatusChanged(node.name, linkName, LinkStatus.UP));
        }
    }

    /**
     * Every medium is open: initdead counts from now. Opening them can take seconds on a slow
     * machine (JGroups stacks, an emulated CPU), and a peer cannot have been heard before.
     */
    public synchronized void mediaOpen() {
        startedAt = clock.getAsLong();
    }

    /**
     * Applies the dead-time rules at the current time. Called every {@link Membership#scanInterval},
     * and at the moment this returns, when that comes before the next regular scan.
     *
     * @return the clock time at which a link that is up now will have been silent longer than its
     *         dead time if nothing more is heard, the earliest such, or {@link Long#MAX_VALUE}
     */
    public synchronized long scan() {
        long now = clock.getAsLong();
        long stall = localStall.applyAsLong(now);
        long nextDue = Long.MAX_VALUE;
        for (Node node : nodes.values()) {
            if (node.name.equals(localNode)) {
                continue;
            }
            long deadAfter = commsUp ? deadtimeOf(node) : timers.initdead().toNanos();
            boolean verdictPublished = false;
            if (node.status != NodeStatus.DEAD && node.anyLinkUp() && allUpLinksSilent(node, now, stall, deadAfter)) {
                // before the links' lines and events below, as declareDead does for itself
                publish(new MembershipEvent.DeadVerdict(node.name));
                verdictPublished = true;
            }
            boolean linkDied = false;
            for (Map.Entry<String, Link> e : node.links.entrySet()) {
                Link link = e.getValue();
                if (link.status != LinkStatus.UP) {
                    continue;
                }
                long silence = silence(link, now, stall);
                if (silence > deadAfter) {
                    link.status = LinkStatus.DEAD;
                    linkDied = true;
                    LOG.info("Link {}:{} dead.", node.name, e.getKey());
                    publish(new MembershipEvent.LinkStatusChanged(node.name, e.getKey(), LinkStatus.DEAD));
                } else {
                    nextDue = Math.min(nextDue, now + deadAfter - silence + 1); // the rule is "longer than"
                }
            }
            noteLateness(node, now, stall, deadAfter);
            boolean neverHeardInTime = !node.everHeard && node.status == NodeStatus.INIT && now - startedAt > deadAfter;
            if (node.status != NodeStatus.DEAD && !node.anyLinkUp() && (linkDied || neverHeardInTime)) {
                declareDead(node, verdictPublished);
            }
        }
        if (!commsUp && nodes.values().stream()
                .allMatch(n -> n.name.equals(localNode) || n.present() || n.status == NodeStatus.DEAD)) {
            commsUp = true;
            LOG.info("Comm_now_up(): updating status to active");
            localStatus = NodeStatus.ACTIVE;
            LOG.info("Local status now set to: 'active'");
            Node self = nodes.get(localNode);
            if (self != null) {
                setStatus(self, NodeStatus.ACTIVE);
            }
            publish(new MembershipEvent.CommsUp());
        }
        return nextDue;
    }

    /**
     * A node whose links have all been silent for over half the dead time is late; it matters
     * only once communications are up (before, initdead counts and nothing runs yet).
     */
    private void noteLateness(Node node, long now, long stall, long deadAfter) {
        if (!commsUp || node.type != NodeType.NORMAL || node.late || !node.anyLinkUp()) {
            return;
        }
        long freshest = Long.MAX_VALUE;
        for (Link link : node.links.values()) {
            if (link.status == LinkStatus.UP) {
                freshest = Math.min(freshest, silence(link, now, stall));
            }
        }
        if (freshest > deadAfter / 2) {
            node.late = true;
            publish(new MembershipEvent.NodeLate(node.name, true));
        }
    }

    private long deadtimeOf(Node node) {
        if (node.type == NodeType.PING) {
            return timers.deadping().toNanos();
        }
        return node.advertisedDeadtimeNanos > 0 ? node.advertisedDeadtimeNanos : timers.deadtime().toNanos();
    }

    private boolean allUpLinksSilent(Node node, long now, long stall, long deadAfter) {
        for (Link link : node.links.values()) {
            if (link.status == LinkStatus.UP && silence(link, now, stall) <= deadAfter) {
                return false;
            }
        }
        return true;
    }

    private void declareDead(Node node) {
        declareDead(node, false);
    }

    private void declareDead(Node node, boolean verdictPublished) {
        if (!verdictPublished) {
            publish(new MembershipEvent.DeadVerdict(node.name));
        }
        node.links.forEach((name, link) -> {
            if (link.status == LinkStatus.UP) {
                link.status = LinkStatus.DEAD;
                LOG.info("Link {}:{} dead.", node.name, name);
                publish(new MembershipEvent.LinkStatusChanged(node.name, name, LinkStatus.DEAD));
            }
        });
        LOG.warn("node {}: is dead", node.name);
        // its next status is a return, not a late heartbeat: a hand-off packet may bring it
        // back first, and the gap to a status from before the death must not kill it again
        node.statusSeen = false;
        node.late = false; // the verdict supersedes it
        setStatus(node, NodeStatus.DEAD);
    }

    private void setStatus(Node node, NodeStatus status) {
        NodeStatus previous = node.status;
        node.status = status;
        node.statusSinceEpochMillis = System.currentTimeMillis();
        LOG.info("Status update for node {}: status {}", node.name, status.word());
        publish(new MembershipEvent.NodeStatusChanged(node.name, node.type, previous, status));
    }

    private void publish(MembershipEvent event) {
        for (MembershipListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.error("membership listener failed on {}", event, e);
            }
        }
    }

    /** The incarnation last heard from a node, 0 if never heard or not a node of this table. */
    public synchronized long incarnationOf(String name) {
        Node node = nodes.get(name);
        return node == null ? 0 : node.incarnation;
    }

    /** A consistent copy of the table. */
    public synchronized MembershipSnapshot snapshot() {
        List<MembershipSnapshot.NodeView> views = new ArrayList<>();
        for (Node node : nodes.values()) {
            List<MembershipSnapshot.LinkView> links = new ArrayList<>();
            node.links.forEach((name, link) -> links.add(new MembershipSnapshot.LinkView(name, link.status)));
            views.add(new MembershipSnapshot.NodeView(node.name, node.type, node.status, node.statusSinceEpochMillis,
                    node.incarnation, links));
        }
        return new MembershipSnapshot(localNode, localStatus, commsUp, views);
    }
}
