package org.jheartbeat.agents.lvs.reconcile;

import java.net.Inet6Address;
import java.net.InetAddress;

import org.jheartbeat.agents.kernel.ipvs.IpFamily;
import org.jheartbeat.agents.kernel.ipvs.IpvsDestination;
import org.jheartbeat.agents.kernel.ipvs.IpvsProtocol;
import org.jheartbeat.agents.kernel.ipvs.IpvsService;
import org.jheartbeat.agents.kernel.ipvs.ServiceFlag;
import org.jheartbeat.agents.kernel.ipvs.ServiceKey;

/** The ipvsadm arguments ldirectord would have run for a change (for logs at debug level and tests). */
final class IpvsadmText {

    private IpvsadmText() {
    }

    static String of(IpvsChange change) {
        return switch (change) {
            case IpvsChange.AddService a -> "-A " + service(a.service());
            case IpvsChange.EditService e -> "-E " + service(e.service());
            case IpvsChange.DeleteService d -> "-D " + key(d.key());
            case IpvsChange.AddDestination a -> "-a " + key(a.key()) + destination(a.destination());
            case IpvsChange.EditDestination e -> "-e " + key(e.key()) + destination(e.destination());
            case IpvsChange.DeleteDestination d -> "-d " + key(d.key()) + " -r "
                    + hostPort(d.destination().address(), d.destination().port());
        };
    }

    static String key(ServiceKey key) {
        return switch (key) {
            case ServiceKey.Address a -> (a.protocol() == IpvsProtocol.UDP ? "-u " : a.protocol() == IpvsProtocol.TCP
                    ? "-t " : "--sctp-service ") + hostPort(a.address(), a.port());
            case ServiceKey.FirewallMark m -> "-f " + Integer.toUnsignedString(m.mark())
                    + (m.family() == IpFamily.IPV6 ? " -6" : "");
        };
    }

    private static String service(IpvsService s) {
        StringBuilder b = new StringBuilder(key(s.key()));
        if (s.has(ServiceFlag.ONE_PACKET)) {
            b.append(" -o");
        }
        b.append(" -s ").append(s.scheduler());
        if (s.has(ServiceFlag.PERSISTENT)) {
            b.append(" -p ").append(s.persistenceTimeout());
            if (s.netmask() != IpvsService.hostMask(s.key().family())) {
                b.append(" -M ").append(s.key().family() == IpFamily.IPV6 ? Integer.toString(s.netmask())
                        : dotted(s.netmask()));
            }
        }
        StringBuilder flags = new StringBuilder();
        for (ServiceFlag f : new ServiceFlag[] {ServiceFlag.SCHED1, ServiceFlag.SCHED2, ServiceFlag.SCHED3}) {
            if (s.has(f)) {
                flags.append(flags.isEmpty() ? "" : ",").append("flag-").append(f.name().charAt(5));
            }
        }
        if (!flags.isEmpty()) {
            b.append(" -b ").append(flags);
        }
        return b.toString();
    }

    private static String destination(IpvsDestination d) {
        String method = switch (d.method()) {
            case ROUTE, LOCAL -> "-g";
            case MASQ -> "-m";
            case TUNNEL -> "-i";
        };
        return " -x " + d.upperThreshold() + " -y " + d.lowerThreshold() + " -r " + hostPort(d.address(), d.port())
                + " " + method + " -w " + d.weight();
    }

    static String hostPort(InetAddress a, int port) {
        return (a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress()) + ":" + port;
    }

    private static String dotted(int mask) {
        return ((mask >>> 24) & 0xFF) + "." + ((mask >>> 16) & 0xFF) + "." + ((mask >>> 8) & 0xFF) + "." + (mask & 0xFF);
    }
}
