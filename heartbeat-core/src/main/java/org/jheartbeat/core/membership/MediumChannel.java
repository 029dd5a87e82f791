package org.jheartbeat.core.membership;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jgroups.JChannel;
import org.jheartbeat.core.config.BcastMedium;
import org.jheartbeat.core.config.McastMedium;
import org.jheartbeat.core.config.Medium;
import org.jheartbeat.core.config.UcastMedium;

/**
 * One JGroups channel carrying one ha.cf medium: our transport for the medium type, our HMAC
 * protocol directly above it, our heartbeat protocol, and the hand-off layer on top. The channel's logical name is the
 * node name. There is no GMS, discovery or JGroups failure detector in the stack: liveness is
 * decided per link from status packets (see {@link NodeTable}), which keeps detection at
 * deadtime plus at most one scan interval instead of adding view-installation delays.
 */
final class MediumChannel implements AutoCloseable {

    static final String CLUSTER = "jheartbeat";

    private final String linkName;
    private final String description;
    private final JChannel channel;
    private final HeartbeatProtocol heartbeat;
    private final HmacAuthProtocol auth;

    private MediumChannel(String linkName, String description, JChannel channel, HeartbeatProtocol heartbeat,
                          HmacAuthProtocol auth) {
        this.linkName = linkName;
        this.description = description;
        this.channel = channel;
        this.heartbeat = heartbeat;
        this.auth = auth;
    }

    /** What every channel of one daemon shares. */
    record Shared(SenderIdentity identity, KeyRing keys, Set<String> members, ReplayGuard replayGuard,
                  DropCounters drops, NodeTable table, HandoffStreams handoff) {
    }

    /**
     * Opens the channel for {@code media}: one bcast or mcast line, or every ucast line of one
     * interface (the peers of one link).
     */
    static MediumChannel open(List<Medium> media, Shared shared) throws MembershipException {
        Medium first = media.getFirst();
        String link = first.interfaceName();
        InterfaceAddress4 nic = InterfaceAddress4.of(link);
        MediumTransport transport = switch (first) {
            case BcastMedium b -> new BroadcastTransport(link, shared.drops(), nic.address(),
                    nic.broadcast().orElseThrow(() -> new MembershipException(
                            "bcast: interface [" + link + "] has no IPv4 broadcast address")), b.port());
            case McastMedium m -> new MulticastTransport(link, shared.drops(), nic.address(), m.group(), m.port(),
                    m.ttl(), m.loop());
            case UcastMedium u -> new UnicastTransport(link, shared.drops(), nic.address(), peers(media), u.port());
        };
        transport.setBundlerType("no-bundler");
        HmacAuthProtocol auth = new HmacAuthProtocol(link, shared.identity(), shared.keys(), shared.members(),
                shared.replayGuard(), shared.drops());
        HeartbeatProtocol heartbeat = new HeartbeatProtocol(link, shared.table());
        HandoffProtocol handoff = new HandoffProtocol(link, shared.handoff());
        String description = describe(media, nic);
        try {
            JChannel channel = new JChannel(transport, auth, heartbeat, handoff);
            channel.setName(shared.identity().node());
            channel.connect(CLUSTER);
            shared.handoff().addLink(handoff);
            return new MediumChannel(link, description, channel, heartbeat, auth);
        } catch (Exception e) {
            throw new MembershipException("cannot start " + description + ": " + e.getMessage(), e);
        }
    }

    /** The ucast peers, without the node's own addresses (so both nodes can carry the same lines). */
    private static List<InetAddress> peers(List<Medium> media) throws MembershipException {
        List<InetAddress> peers = new ArrayList<>();
        for (Medium m : media) {
            UcastMedium u = (UcastMedium) m;
            try {
                InetAddress peer = InetAddress.getByName(u.peer());
                if (NetworkInterface.getByInetAddress(peer) == null && !peers.contains(peer)) {
                    peers.add(peer);
                }
            } catch (UnknownHostException e) {
                throw new MembershipException("ucast: cannot resolve [" + u.peer() + "] (ha.cf line " + u.line() + ")", e);
            } catch (SocketException e) {
                throw new MembershipException("ucast: cannot read local addresses: " + e.getMessage(), e);
            }
        }
        return peers;
    }

    private static String describe(List<Medium> media, InterfaceAddress4 nic) {
        Medium first = media.getFirst();
        return switch (first) {
            case BcastMedium b -> "bcast " + b.interfaceName() + " (" + nic.address().getHostAddress() + " -> "
                    + nic.broadcast().map(InetAddress::getHostAddress).orElse("?") + ":" + b.port() + ")";
            case McastMedium m -> "mcast " + m.interfaceName() + " (" + m.group().getHostAddress() + ":" + m.port()
                    + " ttl " + m.ttl() + ")";
            case UcastMedium u -> "ucast " + u.interfaceName() + " (" + nic.address().getHostAddress() + ":" + u.port()
                    + " -> " + String.join(" ", media.stream().map(x -> ((UcastMedium) x).peer()).toList()) + ")";
        };
    }

    String linkName() {
        return linkName;
    }

    String description() {
        return description;
    }

    void sendStatus(NodeStatus status, int deadtimeMillis) {
        heartbeat.sendStatus(status, deadtimeMillis);
    }

    void replaceKeys(KeyRing keys) {
        auth.replaceKeys(keys);
    }

    @Override
    public void close() {
        channel.close();
    }
}
