package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.agents.kernel.DuplicateAddressProbe;
import org.jheartbeat.agents.kernel.ErrnoException;
import org.jheartbeat.agents.kernel.GratuitousArp;
import org.jheartbeat.agents.kernel.InterfaceAddress;
import org.jheartbeat.agents.kernel.Link;
import org.jheartbeat.agents.kernel.MacAddress;
import org.jheartbeat.agents.kernel.NetworkNamespace;
import org.jheartbeat.agents.kernel.RtNetlink;
import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.InvalidParametersException;
import org.jheartbeat.core.agent.OcfResult;
import org.jheartbeat.core.agent.PreparedStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IPaddr2: a virtual IPv4 address added with rtnetlink and announced with gratuitous ARP
 * (resource-agents spec §4). With {@code lvs_support} the address is taken off {@code lo} on start
 * and put back on stop, for directors that are also real servers.
 */
public final class IPaddr2 extends AddressAgent {

    private static final Logger LOG = LoggerFactory.getLogger(IPaddr2.class);
    private static final int DAD_PROBES = 2;
    private static final Duration DAD_WAIT = Duration.ofSeconds(1);

    private final LoopbackHandover loopback;

    /** The agent as the registry loads it; state in {@code $HA_RSCTMP} ({@code -Djheartbeat.rsctmp}). */
    public IPaddr2() {
        this(configuredStateDirectory());
    }

    public IPaddr2(Path stateDirectory) {
        super(stateDirectory);
        this.loopback = new LoopbackHandover(stateDirectory);
    }

    @Override
    public String name() {
        return "IPaddr2";
    }

    /** Start looks for the address before it adds one, and leaves a present one alone. */
    @Override
    public boolean startFindsRunning() {
        return true;
    }

    /** The v1 wrapper: {@code IPaddr2::ip[/netmask[/nic[:label][/broadcast]]]}, always with lvs_support. */
    @Override
    public Map<String, String> parameters(List<String> positional) throws InvalidParametersException {
        return PositionalAddress.parameters(name(), positional, "1");
    }

    @Override
    public ActionResult validate(AgentContext context, Map<String, String> parameters) {
        return parsed(AddressSettings::ipaddr2, parameters, settings ->
                inKernel("validate-all", settings.networkNamespace(), table -> {
                    table.resolve(settings);
                    return ActionResult.success();
                }));
    }

    @Override
    public ActionResult start(AgentContext context, Map<String, String> parameters) {
        return start(parameters, false);
    }

    /**
     * Runs a start up to its first change and builds what it would send (the NEWADDR request,
     * the gratuitous ARP frames), so that a takeover runs the same code compiled and linked: its
     * lambdas and string concatenations are bound on first use, a few milliseconds together.
     */
    @Override
    protected ActionResult rehearseStart(AgentContext context, Map<String, String> parameters) {
        return start(parameters, true);
    }

    /** The one path of a start and of its rehearsal, so that both use the same call sites. */
    private ActionResult start(Map<String, String> parameters, boolean rehearsal) {
        return parsed(AddressSettings::ipaddr2, parameters, settings -> inKernel(rehearsal ? "warm-up" : "start",
                settings.networkNamespace(), table -> start(table, settings, rehearsal)));
    }

    /**
     * What a start finds before it changes anything: where the address goes, whether it is
     * there already, and which loopback copies lvs_support must take off first.
     */
    private record StartPlan(ResolvedAddress address, boolean served, List<InterfaceAddress> onLoopback) {
    }

    private static StartPlan plan(AddressTable table, AddressSettings settings) throws AgentFailure, IOException {
        ResolvedAddress address = table.resolve(settings);
        List<InterfaceAddress> now = table.addresses();
        boolean served = AddressTable.served(address, now).isPresent();
        return new StartPlan(address, served, settings.lvsSupport() && !served
                ? table.onLoopback(address.ip(), now) : List.of());
    }

    private ActionResult start(AddressTable table, AddressSettings settings, boolean rehearsal)
            throws AgentFailure, IOException, InterruptedException {
        StartPlan plan = plan(table, settings);
        if (rehearsal) {
            return rehearse(plan, settings);
        }
        if (plan.served()) {
            return ActionResult.alreadyRunning(); // and no ARPs, as IPaddr2 does
        }
        ResolvedAddress address = plan.address();
        if (settings.lvsSupport()) {
            loopback.takeOff(table, address.ip(), plan.onLoopback());
        }
        if (settings.runArping()) {
            checkDuplicate(address);
        }
        LOG.info("Adding inet address {}", adding(address));
        try {
            table.rt().addAddress(kernelAddress(address, settings));
        } catch (ErrnoException e) {
            throw failure("Failed to add " + address.ip().getHostAddress(), e);
        }
        table.bringUp(address.link());
        announce(address, settings);
        return ActionResult.success();
    }

    /**
     * A plain start made ready: the address goes on an interface that is up and can carry ARP,
     * no duplicate check is asked for, nothing must come off {@code lo} first, and the address
     * is not there yet. Anything else is left to the ordinary start.
     */
    @Override
    public Optional<PreparedStart> prepareStart(AgentContext context, Map<String, String> parameters) {
        AddressSettings settings;
        try {
            settings = AddressSettings.ipaddr2(parameters);
        } catch (AgentFailure e) {
            return Optional.empty();
        }
        if (settings.runArping()) {
            return Optional.empty();
        }
        try {
            if (settings.networkNamespace().isEmpty()) {
                return prepare(settings);
            }
            try (NetworkNamespace inside = NetworkNamespace.enter(settings.networkNamespace().get())) {
                return inside.call(() -> prepare(settings));
            }
        } catch (Exception e) {
            LOG.debug("{}: no prepared start ({}); a takeover starts it the ordinary way", settings.ip(), e.toString());
            return Optional.empty();
        }
    }

    private static Optional<PreparedStart> prepare(AddressSettings settings) throws AgentFailure, IOException {
        RtNetlink rt = RtNetlink.open();
        try {
            StartPlan plan = plan(new AddressTable(rt), settings);
            ResolvedAddress address = plan.address();
            Link link = address.link();
            if (plan.served() || !plan.onLoopback().isEmpty() || !link.isUp() || link.name().startsWith("lo")
                    || !GratuitousArp.canAnnounce(link)) {
                rt.close();
                return Optional.empty();
            }
            GratuitousArp burst = GratuitousArp.prepare(link, settings.ip(), settings.arpMac().orElse(null),
                    settings.arpCount(), settings.arpInterval());
            return Optional.of(new PreparedAddress(rt, address, kernelAddress(address, settings), settings, burst,
                    adding(address)));
        } catch (AgentFailure | IOException | RuntimeException e) {
            rt.close();
            throw e;
        }
    }

    /** Builds, without sending, what the start would add and announce. */
    private static ActionResult rehearse(StartPlan plan, AddressSettings settings) {
        ResolvedAddress address = plan.address();
        adding(address);
        RtNetlink.newAddressRequest(kernelAddress(address, settings));
        if (GratuitousArp.canAnnounce(address.link())) {
            GratuitousArp.frames(address.link(), settings.ip(), settings.arpMac().orElse(null));
        }
        Announcements.running(settings.ip()); // a read, and the class a start needs is loaded
        return ActionResult.success();
    }

    private static InterfaceAddress kernelAddress(ResolvedAddress address, AddressSettings settings) {
        return address.toKernel(settings.noPrefixRoute() ? RtNetlink.IFA_F_NOPREFIXROUTE : 0);
    }

    /** {@code 10.0.0.5/24 with broadcast address 10.0.0.255 to device eth0 (with label eth0:vip)} */
    private static String adding(ResolvedAddress address) {
        return address.cidr()
                + address.broadcast().map(b -> " with broadcast address " + b.getHostAddress()).orElse("")
                + " to device " + address.link().name()
                + (address.label().isEmpty() ? "" : " (with label " + address.label() + ")");
    }

    private static void checkDuplicate(ResolvedAddress address) throws AgentFailure, ErrnoException, InterruptedException {
        Optional<MacAddress> owner = DuplicateAddressProbe.probe(address.link(), address.ip(), DAD_PROBES, DAD_WAIT);
        if (owner.isPresent()) {
            throw new AgentFailure(OcfResult.ERR_GENERIC, "IPv4 address collision " + address.ip().getHostAddress()
                    + " [DAD] (claimed by " + owner.get() + ")");
        }
    }

    private static void announce(ResolvedAddress address, AddressSettings settings)
            throws ErrnoException, InterruptedException {
        announce(address, settings, settings.arpCount());
    }

    /** Gratuitous ARP for the address, unless it is on a loopback interface (nobody to tell). */
    private static void announce(ResolvedAddress address, AddressSettings settings, int pairs)
            throws ErrnoException, InterruptedException {
        if (address.link().name().startsWith("lo")) {
            return;
        }
        if (!GratuitousArp.canAnnounce(address.link())) {
            LOG.warn("not announcing {}: {} is not an Ethernet interface", address.cidr(), address.link().name());
            return;
        }
        Announcements.announce(address.link(), address.ip(), settings.arpMac(), pairs,
                settings.arpInterval(), settings.arpBackground());
    }

    @Override
    public ActionResult stop(AgentContext context, Map<String, String> parameters) {
        return stop(parameters, false, NOBODY);
    }

    /** Runs {@code whenGone} once the address is off its interface (and back on lo with lvs_support). */
    @Override
    public ActionResult stop(AgentContext context, Map<String, String> parameters, Runnable whenGone) {
        return stop(parameters, false, whenGone);
    }

    @Override
    protected ActionResult rehearseStop(AgentContext context, Map<String, String> parameters) {
        return stop(parameters, true, NOBODY);
    }

    /**
     * The one path of a stop and of its rehearsal, so the code a hand-over's release runs
     * through up to the removal has run before.
     */
    private ActionResult stop(Map<String, String> parameters, boolean rehearsal, Runnable whenGone) {
        if (!AddressSettings.hasIp(parameters)) {
            whenGone.run();
            return ActionResult.success();
        }
        return parsed(AddressSettings::ipaddr2, parameters, settings -> {
            if (!rehearsal) {
                Announcements.stop(settings.ip());
            }
            return inKernel(rehearsal ? "warm-up" : "stop", settings.networkNamespace(),
                    table -> stop(table, settings, rehearsal, whenGone));
        });
    }

    private ActionResult stop(AddressTable table, AddressSettings settings, boolean rehearsal, Runnable whenGone)
            throws AgentFailure, IOException, InterruptedException {
        ResolvedAddress address;
        try {
            address = table.resolve(settings);
        } catch (AgentFailure e) {
            if (!rehearsal) {
                LOG.warn("{}; {} cannot be on any interface", e.getMessage(), settings.ip().getHostAddress());
            }
            whenGone.run();
            return ActionResult.success();
        }
        Optional<InterfaceAddress> served = table.served(address);
        boolean backToLoopback = settings.lvsSupport() && loopback.tookOff(address.ip());
        if (rehearsal) {
            return ActionResult.success();
        }
        LOG.info("IP status = {}, IP_CIP=", served.isPresent() ? "ok" : "no");
        if (served.isPresent()) {
            try {
                table.rt().deleteAddress(served.get());
            } catch (ErrnoException e) {
                throw failure("Unable to remove IP [" + address.ip().getHostAddress() + " from interface [ "
                        + address.link().name() + " ]", e);
            }
            if (backToLoopback) {
                loopback.putBack(table, address.ip());
            }
        }
        whenGone.run();
        return ActionResult.success();
    }

    @Override
    public ActionResult monitor(AgentContext context, Map<String, String> parameters) {
        return parsed(AddressSettings::ipaddr2, parameters,
                settings -> inKernel("monitor", settings.networkNamespace(), table -> monitor(table, settings)));
    }

    private ActionResult monitor(AddressTable table, AddressSettings settings)
            throws AgentFailure, IOException, InterruptedException {
        Optional<ResolvedAddress> address = present(table, settings);
        if (address.isEmpty()) {
            return ActionResult.notRunning();
        }
        Link link = table.link(address.get().link().index());
        if (!link.isUsable()) {
            return ActionResult.of(OcfResult.ERR_GENERIC, address.get().cidr() + " is on " + link.name()
                    + ", but " + link.name() + " is down");
        }
        if (settings.arpCountRefresh() > 0) {
            announce(address.get(), settings, settings.arpCountRefresh());
        }
        return ActionResult.success();
    }

    /** The address with its interface and prefix when it is on that interface now, else empty. */
    private static Optional<ResolvedAddress> present(AddressTable table, AddressSettings settings)
            throws IOException {
        ResolvedAddress address;
        try {
            address = table.resolve(settings);
        } catch (AgentFailure e) {
            return Optional.empty(); // no interface could serve it, so it cannot be running
        }
        return table.served(address).isPresent() ? Optional.of(address) : Optional.empty();
    }

    /** Sends the gratuitous ARP burst again if the address is here (after a healed partition). */
    @Override
    public ActionResult reannounce(AgentContext context, Map<String, String> parameters) {
        return parsed(AddressSettings::ipaddr2, parameters,
                settings -> inKernel("reannounce", settings.networkNamespace(), table -> reannounce(table, settings)));
    }

    private ActionResult reannounce(AddressTable table, AddressSettings settings)
            throws AgentFailure, IOException, InterruptedException {
        Optional<ResolvedAddress> address = present(table, settings);
        if (address.isEmpty()) {
            return ActionResult.notRunning();
        }
        announce(address.get(), settings);
        return ActionResult.success();
    }

    @Override
    public String metaData() {
        return AgentMetaData.load(name());
    }
}
