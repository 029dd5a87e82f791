package org.jheartbeat.agents.lvs.reconcile;

import java.util.EnumSet;
import java.util.Set;

import org.jheartbeat.agents.kernel.ipvs.ForwardMethod;
import org.jheartbeat.agents.kernel.ipvs.IpFamily;
import org.jheartbeat.agents.kernel.ipvs.IpvsDestination;
import org.jheartbeat.agents.kernel.ipvs.IpvsProtocol;
import org.jheartbeat.agents.kernel.ipvs.IpvsService;
import org.jheartbeat.agents.kernel.ipvs.ServiceFlag;
import org.jheartbeat.agents.kernel.ipvs.ServiceKey;
import org.jheartbeat.agents.lvs.config.Addresses;
import org.jheartbeat.agents.lvs.config.Endpoint;
import org.jheartbeat.agents.lvs.config.Fallback;
import org.jheartbeat.agents.lvs.config.Forwarding;
import org.jheartbeat.agents.lvs.config.Protocol;
import org.jheartbeat.agents.lvs.config.RealServer;
import org.jheartbeat.agents.lvs.config.Scheduling;
import org.jheartbeat.agents.lvs.config.VirtualKey;
import org.jheartbeat.agents.lvs.config.VirtualService;

/**
 * ldirectord.cf terms to the kernel's IPVS records, with ipvsadm's defaults: a real without a
 * port, and every direct-routing or tunnelled real of an address service, gets the virtual's port.
 */
public final class IpvsMapping {

    private IpvsMapping() {
    }

    public static ServiceKey key(VirtualKey key) {
        return switch (key) {
            case VirtualKey.Address a -> new ServiceKey.Address(
                    a.protocol() == Protocol.UDP ? IpvsProtocol.UDP : IpvsProtocol.TCP,
                    a.endpoint().address(), a.endpoint().port());
            case VirtualKey.Mark m -> new ServiceKey.FirewallMark(m.mark(), m.ipv6() ? IpFamily.IPV6 : IpFamily.IPV4);
        };
    }

    public static IpvsService service(VirtualService v) {
        ServiceKey key = key(v.key());
        Scheduling s = v.scheduling();
        Set<ServiceFlag> flags = EnumSet.noneOf(ServiceFlag.class);
        int timeout = 0;
        if (s.persistentSeconds().isPresent()) {
            flags.add(ServiceFlag.PERSISTENT);
            timeout = s.persistentSeconds().getAsInt();
        }
        if (s.onePacket()) {
            flags.add(ServiceFlag.ONE_PACKET);
        }
        s.schedulerFlags().ifPresent(f -> flags.addAll(schedulerFlags(f)));
        int netmask = IpvsService.hostMask(key.family());
        if (s.netmask().isPresent()) {
            netmask = key.family() == IpFamily.IPV6 ? Integer.parseInt(s.netmask().get())
                    : (int) Addresses.ipv4Value(Addresses.ipv4Literal(s.netmask().get()).orElseThrow());
        }
        return new IpvsService(key, s.scheduler(), flags, timeout, netmask, "");
    }

    /** {@code sh-fallback,sh-port} and friends as ipvsadm {@code -b} reads them. */
    public static Set<ServiceFlag> schedulerFlags(String text) {
        Set<ServiceFlag> flags = EnumSet.noneOf(ServiceFlag.class);
        for (String word : text.split(",")) {
            flags.add(switch (word) {
                case "flag-1", "sh-fallback", "mh-fallback" -> ServiceFlag.SCHED1;
                case "flag-2", "sh-port", "mh-port" -> ServiceFlag.SCHED2;
                case "flag-3" -> ServiceFlag.SCHED3;
                default -> throw new IllegalArgumentException("unknown scheduler flag " + word);
            });
        }
        return flags;
    }

    public static ForwardMethod method(Forwarding f) {
        return switch (f) {
            case GATE -> ForwardMethod.ROUTE;
            case MASQ -> ForwardMethod.MASQ;
            case IPIP -> ForwardMethod.TUNNEL;
        };
    }

    /** The port IPVS stores for a real of this virtual. */
    public static int kernelPort(VirtualService v, Endpoint real, Forwarding forwarding) {
        if (v.key() instanceof VirtualKey.Address a
                && (real.port() == 0 || forwarding == Forwarding.GATE || forwarding == Forwarding.IPIP)) {
            return a.endpoint().port();
        }
        return real.port();
    }

    public static IpvsDestination destination(VirtualService v, RealServer r, int weight) {
        return new IpvsDestination(r.endpoint().address(), kernelPort(v, r.endpoint(), r.forwarding()),
                method(r.forwarding()), weight, r.upperThreshold(), r.lowerThreshold(),
                org.jheartbeat.agents.kernel.ipvs.TunnelOptions.IPIP);
    }

    public static IpvsDestination fallback(VirtualService v, Fallback f) {
        return IpvsDestination.of(f.endpoint().address(), kernelPort(v, f.endpoint(), f.forwarding()),
                method(f.forwarding()), 1);
    }
}
