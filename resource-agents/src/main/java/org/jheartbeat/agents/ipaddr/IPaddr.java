package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.agents.kernel.ErrnoException;
import org.jheartbeat.agents.kernel.GratuitousArp;
import org.jheartbeat.agents.kernel.InterfaceAddress;
import org.jheartbeat.agents.kernel.Libc;
import org.jheartbeat.agents.kernel.Link;
import org.jheartbeat.agents.kernel.Prefixes;
import org.jheartbeat.agents.kernel.Route;
import org.jheartbeat.agents.kernel.RtNetlink;
import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.InvalidParametersException;
import org.jheartbeat.core.agent.OcfResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * IPaddr, the alias-style agent (resource-agents spec §5): the address goes on {@code NIC:N}, the
 * first free alias label, and {@code nic} (default {@code eth0}) must be the interface the routing
 * table picks for it. Also what a bare IP in haresources means.
 */
public final class IPaddr extends AddressAgent {

    private static final Logger LOG = LoggerFactory.getLogger(IPaddr.class);
    private static final int MAX_ALIASES = 512;

    private final LoopbackHandover loopback;

    public IPaddr() {
        this(configuredStateDirectory());
    }

    public IPaddr(Path stateDirectory) {
        super(stateDirectory);
        this.loopback = new LoopbackHandover(stateDirectory);
    }

    @Override
    public String name() {
        return "IPaddr";
    }

    /** Start looks for the address before it adds one, and leaves a present one alone. */
    @Override
    public boolean startFindsRunning() {
        return true;
    }

    /** {@code IPaddr::ip[/netmask[/nic[/broadcast]]]} (and bare IPs), lvs_support forced off as the v1 wrapper does. */
    @Override
    public Map<String, String> parameters(List<String> positional) throws InvalidParametersException {
        return PositionalAddress.parameters(name(), positional, "0");
    }

    /**
     * What the C findif computes: the connected route's interface and prefix, or, with a netmask
     * given and no connected route, the default route's interface; broadcast = network | ~mask.
     * The result must agree with what the operator gave.
     */
    private static ResolvedAddress resolve(AddressTable table, AddressSettings settings) throws AgentFailure, IOException {
        Inet4Address ip = settings.ip();
        List<Route> routes = table.rt().routes(Libc.AF_INET);
        Findif.Result found;
        try {
            found = Findif.find(routes, ip, OptionalInt.empty(), settings.prefixLength());
        } catch (AgentFailure noConnectedRoute) {
            if (settings.prefixLength().isEmpty()) {
                throw new AgentFailure(OcfResult.ERR_GENERIC, "Cannot use default route w/o netmask [" + ip.getHostAddress() + "]");
            }
            Route defaultRoute = routes.stream()
                    .filter(r -> r.table() == RtNetlink.RT_TABLE_MAIN && r.prefixLength() == 0 && r.outputIfindex() != 0)
                    .findFirst()
                    .orElseThrow(() -> new AgentFailure(OcfResult.ERR_GENERIC,
                            "No route to " + ip.getHostAddress() + " and no default route"));
            found = new Findif.Result(defaultRoute.outputIfindex(), settings.prefixLength().getAsInt());
        }
        Link link = table.link(found.ifindex());
        String nic = settings.nic().orElseThrow();
        if (!link.name().equals(nic)) {
            throw new AgentFailure(OcfResult.ERR_ARGS,
                    "Invalid parameter value: nic [" + nic + "] Calculated nic: [" + link.name() + "]");
        }
        int prefix = found.prefixLength();
        if (settings.prefixLength().isEmpty()) {
            LOG.info("Using calculated netmask for {}: {}", ip.getHostAddress(), Prefixes.netmask(prefix).getHostAddress());
        }
        Inet4Address broadcast = Prefixes.broadcast(ip, prefix);
        Optional<String> given = settings.broadcast();
        if (given.isPresent() && !OcfValues.ipv4(given.get()).map(broadcast::equals).orElse(false)) {
            throw new AgentFailure(OcfResult.ERR_ARGS, "Invalid parameter value: broadcast [" + given.get()
                    + "] Calculated broadcast: [" + broadcast.getHostAddress() + "]");
        }
        return new ResolvedAddress(link, ip, prefix, Optional.of(broadcast), "");
    }

    /** The address on one of {@code link}'s aliases ({@code NIC:N}), if present. */
    private static Optional<InterfaceAddress> onAlias(AddressTable table, Link link, Inet4Address ip)
            throws IOException {
        return table.addresses().stream()
                .filter(a -> a.ifindex() == link.index() && a.address().equals(ip) && a.label().startsWith(link.name() + ":"))
                .findFirst();
    }

    /** The first {@code NIC:N} label no address on the interface uses. */
    private static String freeAlias(AddressTable table, Link link) throws AgentFailure, IOException {
        Set<String> used = table.addresses().stream()
                .filter(a -> a.ifindex() == link.index())
                .map(InterfaceAddress::label)
                .collect(Collectors.toSet());
        for (int n = 0; n < MAX_ALIASES; n++) {
            String label = link.name() + ":" + n;
            if (!used.contains(label)) {
                return label;
            }
        }
        throw new AgentFailure(OcfResult.ERR_GENERIC, "No free alias on " + link.name());
    }

    private static AddressSettings settings(Map<String, String> parameters) throws AgentFailure {
        return AddressSettings.ipaddr(parameters);
    }

    @Override
    public ActionResult validate(AgentContext context, Map<String, String> parameters) {
        return parsed(IPaddr::settings, parameters, settings -> inKernel("validate-all", Optional.empty(), table -> {
            resolve(table, settings);
            return ActionResult.success();
        }));
    }

    @Override
    public ActionResult start(AgentContext context, Map<String, String> parameters) {
        return parsed(IPaddr::settings, parameters,
                settings -> inKernel("start", Optional.empty(), table -> start(table, settings)));
    }

    private ActionResult start(AddressTable table, AddressSettings settings)
            throws AgentFailure, IOException, InterruptedException {
        ResolvedAddress address = resolve(table, settings);
        if (onAlias(table, address.link(), address.ip()).isPresent()) {
            return ActionResult.alreadyRunning(); // and no ARPs, as IPaddr does
        }
        if (settings.lvsSupport()) {
            loopback.takeOff(table, address.ip());
        }
        String alias = freeAlias(table, address.link());
        ResolvedAddress labelled = new ResolvedAddress(address.link(), address.ip(), address.prefixLength(),
                address.broadcast(), alias);
        LOG.info("adding {} netmask {} broadcast {} as {}", address.ip().getHostAddress(),
                Prefixes.netmask(address.prefixLength()).getHostAddress(),
                address.broadcast().orElseThrow().getHostAddress(), alias);
        try {
            table.rt().addAddress(labelled.toKernel(0));
        } catch (ErrnoException e) {
            throw failure("Failed to add " + address.ip().getHostAddress() + " as " + alias, e);
        }
        table.bringUp(address.link());
        announce(address.link(), settings);
        return ActionResult.success();
    }

    private static void announce(Link link, AddressSettings settings) throws ErrnoException, InterruptedException {
        if (GratuitousArp.canAnnounce(link)) {
            Announcements.announce(link, settings.ip(), Optional.empty(), settings.arpCount(),
                    settings.arpInterval(), settings.arpBackground());
        }
    }

    /** The base interface and the address on one of its aliases, when it is there. */
    private record Present(Link link, InterfaceAddress address) {
    }

    private static Optional<Present> present(AddressTable table, AddressSettings settings) throws IOException {
        Optional<Link> link = table.rt().link(settings.nic().orElseThrow());
        if (link.isEmpty()) {
            return Optional.empty();
        }
        return onAlias(table, link.get(), settings.ip()).map(address -> new Present(link.get(), address));
    }

    @Override
    public ActionResult stop(AgentContext context, Map<String, String> parameters) {
        return stop(context, parameters, NOBODY);
    }

    /** Runs {@code whenGone} once the address is off its interface (and back on lo with lvs_support). */
    @Override
    public ActionResult stop(AgentContext context, Map<String, String> parameters, Runnable whenGone) {
        if (!AddressSettings.hasIp(parameters)) {
            whenGone.run();
            return ActionResult.success();
        }
        return parsed(IPaddr::settings, parameters, settings -> {
            Announcements.stop(settings.ip());
            return inKernel("stop", Optional.empty(), table -> stop(table, settings, whenGone));
        });
    }

    private ActionResult stop(AddressTable table, AddressSettings settings, Runnable whenGone)
            throws AgentFailure, IOException, InterruptedException {
        Optional<Present> present = present(table, settings);
        boolean backToLoopback = settings.lvsSupport() && loopback.tookOff(settings.ip());
        if (present.isPresent()) {
            InterfaceAddress address = present.get().address();
            LOG.info("removing {} from {}", settings.ip().getHostAddress(), address.label());
            try {
                table.rt().deleteAddress(address);
            } catch (ErrnoException e) {
                throw failure("Failed to remove " + settings.ip().getHostAddress() + " from " + address.label(), e);
            }
            if (backToLoopback) {
                loopback.putBack(table, settings.ip());
            }
        }
        whenGone.run();
        return ActionResult.success();
    }

    @Override
    public ActionResult monitor(AgentContext context, Map<String, String> parameters) {
        return parsed(IPaddr::settings, parameters, settings -> inKernel("monitor", Optional.empty(), table -> {
            Optional<Present> present = present(table, settings);
            if (present.isEmpty()) {
                return ActionResult.notRunning();
            }
            Link link = present.get().link();
            if (!link.isUsable()) {
                return ActionResult.of(OcfResult.ERR_GENERIC, settings.ip().getHostAddress() + " is on "
                        + link.name() + ", but " + link.name() + " is down");
            }
            return ActionResult.success();
        }));
    }

    @Override
    public ActionResult reannounce(AgentContext context, Map<String, String> parameters) {
        return parsed(IPaddr::settings, parameters, settings -> inKernel("reannounce", Optional.empty(), table -> {
            Optional<Present> present = present(table, settings);
            if (present.isEmpty()) {
                return ActionResult.notRunning();
            }
            announce(present.get().link(), settings);
            return ActionResult.success();
        }));
    }

    @Override
    public String metaData() {
        return AgentMetaData.load(name());
    }
}
