package org.jheartbeat.agents.lvs.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.jheartbeat.core.config.Problems;

/**
 * Turns the sections read from the file into {@link VirtualService}s once the whole file is
 * known (globals may follow the sections that inherit them): names become numbers, defaults and
 * inherited values are filled in as ldirectord's set-up does.
 */
final class ConfigResolver {

    /** A range larger than this is a typo, not a server farm (and would exhaust memory). */
    static final long MAX_RANGE = 65_536;

    /** Services whose negotiate check is a TCP connect in this implementation. */
    static final Set<ServiceType> CONNECT_ONLY = Set.of(ServiceType.HTTP_PROXY, ServiceType.ORACLE);

    private static final Set<String> ALL_PHASES = Set.of("starting", "running", "stopping", "reloading");

    private final Path file;
    private final LdirectordConfigParser.Options options;
    private final Problems problems;
    private final List<String> deviations;

    ConfigResolver(Path file, LdirectordConfigParser.Options options, Problems problems, List<String> deviations) {
        this.file = file;
        this.options = options;
        this.problems = problems;
        this.deviations = deviations;
    }

    List<VirtualService> resolve(GlobalDraft g, List<SectionDraft> sections) {
        List<VirtualService> result = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (SectionDraft d : sections) {
            Where where = new Where(file, d.line, problems);
            Optional<VirtualService> v = resolve(g, d, where);
            if (v.isEmpty()) {
                continue;
            }
            Integer first = seen.putIfAbsent(v.get().id(), d.line);
            if (first != null) {
                where.error("duplicate virtual server " + v.get().id() + " (first at line " + first + ")");
                continue;
            }
            result.add(v.get());
        }
        return result;
    }

    private Optional<VirtualService> resolve(GlobalDraft g, SectionDraft d, Where where) {
        Optional<VirtualKey> key = key(d, where);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        VirtualKey k = key.get();
        Protocol protocol = k.protocol();
        int vport = k instanceof VirtualKey.Address a ? a.endpoint().port() : 0;
        List<RealServer> reals = new ArrayList<>();
        Set<Endpoint> realEndpoints = new HashSet<>();
        for (RealDraft r : d.reals) {
            for (RealServer real : reals(r, protocol)) {
                if (!realEndpoints.add(real.endpoint())) {
                    problems.error(file, r.line(), "real server " + real.endpoint() + " is listed twice in virtual "
                            + k.id());
                } else {
                    reals.add(real);
                }
            }
        }
        Optional<Fallback> fallback = fallback(g, d, k, vport);
        CheckSettings check = check(g, d, k, where);
        Scheduling scheduling = scheduling(d, k);
        Alerts alerts = new Alerts(d.shared.emailAlert.or(() -> g.shared.emailAlert).orElse(List.of()),
                d.shared.emailAlertFreq.or(() -> g.shared.emailAlertFreq).orElse(0),
                d.shared.emailAlertStatus.or(() -> g.shared.emailAlertStatus).orElse(ALL_PHASES),
                d.shared.smtp.or(() -> g.shared.smtp), g.emailFrom, d.serviceName, d.comment, d.monitorFile);
        return Optional.of(new VirtualService(d.line, k, scheduling, check,
                d.shared.quiescent.or(() -> g.shared.quiescent).orElse(false),
                d.shared.cleanStop.or(() -> g.shared.cleanStop).orElse(true),
                fallback, d.shared.fallbackCommand.or(() -> g.shared.fallbackCommand), reals, alerts));
    }

    private Optional<VirtualKey> key(SectionDraft d, Where where) {
        return switch (d.virtual) {
            case VirtualLine.Unparsable u -> Optional.empty();
            case VirtualLine.Mark m -> Optional.of(new VirtualKey.Mark(m.mark(), m.ipv6()));
            case VirtualLine.HostPort hp -> {
                Protocol protocol = d.protocol.orElse(
                        hp.port().equals("53") || hp.port().equals("domain") ? Protocol.UDP : Protocol.TCP);
                Optional<InetAddress> address = hp.ipv6() ? Addresses.ipv6Literal(hp.host())
                        : options.resolver().ipv4(hp.host());
                if (address.isEmpty()) {
                    where.error("invalid address for virtual server (could not resolve host " + hp.host() + ")");
                    yield Optional.empty();
                }
                OptionalInt port = options.resolver().port(hp.port(), protocol);
                if (port.isEmpty() || port.getAsInt() == 0) {
                    where.error("invalid port for virtual server (could not resolve port " + hp.port() + ")");
                    yield Optional.empty();
                }
                yield Optional.of(new VirtualKey.Address(protocol, new Endpoint(address.get(), port.getAsInt())));
            }
        };
    }

    private List<RealServer> reals(RealDraft r, Protocol protocol) {
        Where where = new Where(file, r.line(), problems);
        Optional<InetAddress> first = r.ipv6() ? Addresses.ipv6Literal(r.host()) : options.resolver().ipv4(r.host());
        if (first.isEmpty()) {
            where.error("invalid address (" + r.host() + ") for real server (could not resolve host)");
            return List.of();
        }
        int port = 0;
        if (r.port().isPresent()) {
            OptionalInt p = options.resolver().port(r.port().get(), protocol == Protocol.UDP ? Protocol.UDP : Protocol.TCP);
            if (p.isEmpty()) {
                where.error("invalid port (" + r.port().get() + ") for real server (could not resolve port)");
                return List.of();
            }
            port = p.getAsInt();
        }
        if (r.receive().isPresent() && ReceivePattern.compile(r.receive().get()).isEmpty()) {
            where.error("invalid receive string for real server: not a regular expression: " + r.receive().get());
            return List.of();
        }
        if (r.request().isPresent() && r.request().get().startsWith("//")) {
            deviations.add("line " + r.line() + ": the per-real request and receive strings are both used"
                    + " (ldirectord 4.x drops the receive string when the request starts with /)");
        }
        long count = 1;
        if (r.rangeEnd().isPresent()) {
            Optional<InetAddress> last = options.resolver().ipv4(r.rangeEnd().get());
            if (last.isEmpty()) {
                where.error("invalid address (" + r.rangeEnd().get() + ") for real server (could not resolve host)");
                return List.of();
            }
            long from = Addresses.ipv4Value(first.get());
            long to = Addresses.ipv4Value(last.get());
            if (to < from) {
                where.error("Invalid Range: " + r.host() + "-" + r.rangeEnd().get()
                        + ": First value must be greater than or equal to the second value");
                return List.of();
            }
            count = to - from + 1;
            if (count > MAX_RANGE) {
                where.error("range " + r.host() + "->" + r.rangeEnd().get() + " has " + count
                        + " addresses; at most " + MAX_RANGE + " are allowed");
                return List.of();
            }
        }
        List<RealServer> reals = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            InetAddress a = i == 0 ? first.get() : Addresses.ipv4Plus(first.get(), i).orElseThrow();
            reals.add(new RealServer(new Endpoint(a, port), r.forwarding(), r.weight(), r.request(), r.receive(),
                    r.lowerThreshold(), r.upperThreshold(), r.line()));
        }
        return reals;
    }

    private Optional<Fallback> fallback(GlobalDraft g, SectionDraft d, VirtualKey k, int vport) {
        Optional<FallbackDraft> own = k.ipv6() ? d.shared.fallback6 : d.shared.fallback;
        Optional<FallbackDraft> wrongFamily = k.ipv6() ? d.shared.fallback : d.shared.fallback6;
        wrongFamily.ifPresent(f -> problems.error(file, f.line(), k.ipv6()
                ? "use fallback6 in an IPv6 virtual section" : "use fallback in an IPv4 virtual section"));
        Optional<FallbackDraft> draft = own;
        if (draft.isEmpty() && k.protocol() != Protocol.FWM) {
            draft = k.ipv6() ? g.shared.fallback6 : g.shared.fallback;
        }
        if (draft.isEmpty()) {
            return Optional.empty();
        }
        FallbackDraft f = draft.get();
        Where where = new Where(file, f.line(), problems);
        Optional<InetAddress> address = f.ipv6() ? Addresses.ipv6Literal(f.host()) : options.resolver().ipv4(f.host());
        if (address.isEmpty()) {
            where.error("invalid address (" + f.host() + ") for fallback server (could not resolve host)");
            return Optional.empty();
        }
        int port = vport;
        if (f.port().isPresent()) {
            OptionalInt p = options.resolver().port(f.port().get(), k.protocol() == Protocol.UDP ? Protocol.UDP : Protocol.TCP);
            if (p.isEmpty()) {
                where.error("invalid port (" + f.port().get() + ") for fallback server (could not resolve port)");
                return Optional.empty();
            }
            port = p.getAsInt();
        }
        return Optional.of(new Fallback(new Endpoint(address.get(), port), f.forwarding()));
    }

    private CheckSettings check(GlobalDraft g, SectionDraft d, VirtualKey k, Where where) {
        SharedSettings v = d.shared;
        SharedSettings gl = g.shared;
        int checkTimeout = v.checkTimeout.or(() -> v.negotiateTimeout).or(() -> gl.checkTimeout)
                .or(() -> gl.negotiateTimeout).orElse(5);
        int negotiateTimeout = v.negotiateTimeout.or(() -> v.checkTimeout).or(() -> gl.negotiateTimeout)
                .or(() -> gl.checkTimeout).orElse(30);
        int interval = gl.checkInterval.orElse(10);
        if (v.checkInterval.isPresent()) {
            if (g.fork) {
                interval = v.checkInterval.get();
            } else {
                problems.warning(file, v.checkIntervalLine, "checkinterval in virtual service " + k.id()
                        + " ignored when fork=no");
            }
        }
        int vport = k instanceof VirtualKey.Address a ? a.endpoint().port() : 0;
        ServiceType service = d.service.orElse(ServiceType.forPort(vport));
        String fqdnLogin = "ldirectord@" + options.localHost();
        String login = d.login.orElse(switch (service) {
            case FTP -> "anonymous";
            case SIP -> fqdnLogin;
            default -> "";
        });
        String password = d.password.orElse(service == ServiceType.FTP ? fqdnLogin : "");
        CheckType type = d.checkType.orElse(CheckType.NEGOTIATE);
        boolean negotiates = type.kind() == CheckType.Kind.NEGOTIATE || type.kind() == CheckType.Kind.COMBINED;
        if (negotiates && (service == ServiceType.MYSQL || service == ServiceType.PGSQL
                || service == ServiceType.ORACLE) && (login.isEmpty() || d.request.isEmpty())) {
            where.warning("service " + service.word() + " needs login= and request=; without them every real"
                    + " server is considered down, as in ldirectord");
        }
        if (negotiates && CONNECT_ONLY.contains(service)) {
            where.warning("service " + service.word() + ": jheartbeat's negotiate check only connects to the port"
                    + " (it does not speak this protocol yet)");
        }
        if (negotiates && service == ServiceType.DNS && d.receive.orElse("").isEmpty()) {
            where.warning("service dns needs receive= (the expected address); without it every real server is"
                    + " considered down, as in ldirectord");
        }
        return new CheckSettings(type, service, d.checkCommand.orElse("/bin/true"), checkTimeout, negotiateTimeout,
                v.checkCount.or(() -> gl.checkCount).orElse(1), v.failureCount.or(() -> gl.failureCount).orElse(1),
                interval, d.checkPort.map(OptionalInt::of).orElse(OptionalInt.empty()), d.request.orElse("/"),
                d.receive.orElse(""), d.httpMethod.orElse("GET"), d.virtualHost, login, password,
                d.database.orElse(""), d.secret.orElse(""));
    }

    private Scheduling scheduling(SectionDraft d, VirtualKey k) {
        if (d.netmask.isPresent() && d.persistent.isEmpty()) {
            problems.warning(file, d.line, "netmask is only used together with persistent; ignored for " + k.id());
        }
        if (d.ops.orElse(false) && k.protocol() != Protocol.UDP) {
            problems.warning(file, d.line, "ops=yes only applies to udp services; ignored for " + k.id());
        }
        return new Scheduling(d.scheduler.orElse("wrr"),
                d.persistent.map(OptionalInt::of).orElse(OptionalInt.empty()),
                d.persistent.isPresent() ? d.netmask : Optional.empty(), d.schedFlags,
                d.ops.orElse(false) && k.protocol() == Protocol.UDP);
    }
}
