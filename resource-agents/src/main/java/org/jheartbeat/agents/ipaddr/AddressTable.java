package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.agents.kernel.ErrnoException;
import org.jheartbeat.agents.kernel.InterfaceAddress;
import org.jheartbeat.agents.kernel.Libc;
import org.jheartbeat.agents.kernel.Link;
import org.jheartbeat.agents.kernel.NetlinkProtocolException;
import org.jheartbeat.agents.kernel.Prefixes;
import org.jheartbeat.agents.kernel.RtNetlink;
import org.jheartbeat.core.agent.OcfResult;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** The kernel's view of interfaces and IPv4 addresses, as the address agents need it. */
final class AddressTable {

    /** How long a link just brought up may take to report carrier before we announce anyway. */
    static final Duration CARRIER_WAIT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(AddressTable.class);

    private final RtNetlink rt;

    AddressTable(RtNetlink rt) {
        this.rt = rt;
    }

    RtNetlink rt() {
        return rt;
    }

    /** The named interface, or OCF_ERR_CONFIGURED in the words IPaddr2 uses. */
    Link requireLink(String name) throws AgentFailure, IOException {
        return rt.link(name).orElseThrow(() -> AgentFailure.configured(
                "Invalid interface name [" + name + "]: Device \"" + name + "\" does not exist."));
    }

    Link link(int index) throws AgentFailure, IOException {
        return rt.link(index).orElseThrow(() -> new AgentFailure(OcfResult.ERR_GENERIC,
                "interface with index " + index + " vanished"));
    }

    /**
     * Decides interface, prefix, broadcast and label for IPaddr2: the named interface or findif's,
     * the given prefix or findif's, the broadcast as given ({@code +}/{@code -} computed).
     *
     * @throws AgentFailure ERR_CONFIGURED for an unknown interface; findif's failure as "[findif] failed: ..."
     */
    ResolvedAddress resolve(AddressSettings settings) throws AgentFailure, IOException {
        Optional<Link> nic = settings.nic().isPresent()
                ? Optional.of(requireLink(settings.nic().get())) : Optional.empty();
        Findif.Result found;
        try {
            found = Findif.find(rt.routes(Libc.AF_INET), settings.ip(),
                    nic.map(l -> OptionalInt.of(l.index())).orElse(OptionalInt.empty()), settings.prefixLength());
        } catch (AgentFailure e) {
            throw new AgentFailure(e.result(), "[findif] failed: " + e.getMessage());
        }
        Link link = nic.isPresent() ? nic.get() : link(found.ifindex());
        int prefix = found.prefixLength();
        Optional<Inet4Address> broadcast = settings.broadcast().map(b -> switch (b) {
            case "+" -> Prefixes.broadcast(settings.ip(), prefix);
            case "-" -> Prefixes.ipv4(Prefixes.toInt(settings.ip()) & Prefixes.mask(prefix));
            default -> OcfValues.ipv4(b).orElseThrow();
        });
        AddressSettings.checkLabel(Optional.of(link.name()), settings.labelSuffix());
        return new ResolvedAddress(link, settings.ip(), prefix, broadcast, settings.labelFor(link.name()));
    }

    /**
     * {@code ip link set NIC up}, then waits (up to {@link #CARRIER_WAIT}) until the kernel reports
     * the link operational: frames sent before that are dropped, and they would be the first
     * gratuitous ARPs.
     */
    void bringUp(Link link) throws AgentFailure, IOException, InterruptedException {
        if (link.isUp()) {
            return;
        }
        LOG.info("Bringing device {} up", link.name());
        rt.setLinkUp(link.index());
        long deadline = System.nanoTime() + CARRIER_WAIT.toNanos();
        while (!link(link.index()).isUsable()) {
            if (System.nanoTime() > deadline) {
                LOG.warn("{} is up but reports no carrier after {} ms", link.name(), CARRIER_WAIT.toMillis());
                return;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    List<InterfaceAddress> addresses() throws ErrnoException, NetlinkProtocolException {
        return rt.addresses(Libc.AF_INET);
    }

    /** The address as configured on the interface with exactly this prefix length (any label). */
    Optional<InterfaceAddress> served(ResolvedAddress address) throws ErrnoException, NetlinkProtocolException {
        return served(address, addresses());
    }

    /** {@link #served(ResolvedAddress)} among addresses read before. */
    static Optional<InterfaceAddress> served(ResolvedAddress address, List<InterfaceAddress> among) {
        return among.stream()
                .filter(a -> a.ifindex() == address.link().index() && a.address().equals(address.ip())
                        && a.prefixLength() == address.prefixLength())
                .findFirst();
    }

    /** Interfaces named {@code lo*} holding {@code ip/32} (only a /32 counts, as in IPaddr2). */
    List<InterfaceAddress> onLoopback(Inet4Address ip) throws AgentFailure, IOException {
        return onLoopback(ip, addresses());
    }

    /** {@link #onLoopback(Inet4Address)} among addresses read before. */
    List<InterfaceAddress> onLoopback(Inet4Address ip, List<InterfaceAddress> among) throws AgentFailure, IOException {
        List<InterfaceAddress> found = new ArrayList<>();
        for (InterfaceAddress a : among) {
            if (a.address().equals(ip) && a.prefixLength() == 32 && link(a.ifindex()).name().startsWith("lo")) {
                found.add(a);
            }
        }
        return found;
    }
}
