package org.jheartbeat.agents.lvs.check;

import java.net.InetAddress;
import java.util.Objects;

import org.jheartbeat.agents.lvs.config.CheckSettings;
import org.jheartbeat.agents.lvs.config.Endpoint;
import org.jheartbeat.agents.lvs.config.Protocol;
import org.jheartbeat.agents.lvs.config.RealServer;
import org.jheartbeat.agents.lvs.config.ServiceType;
import org.jheartbeat.agents.lvs.config.VirtualKey;
import org.jheartbeat.agents.lvs.config.VirtualService;

/**
 * One real server as a check sees it: where to connect and what to ask, with the per-real
 * request/receive and the check port already chosen.
 *
 * @param checkPort   {@code checkport}, else the real's port, else the service's well-known
 *                    port, else the virtual's port
 * @param virtualHost the HTTP Host name: {@code virtualhost=} or the real's address
 * @param virtualIp   for external checks: the virtual address, or the mark for mark services
 * @param virtualPort for external checks: the virtual port, 0 for mark services
 */
public record CheckTarget(InetAddress address, int realPort, int checkPort, Protocol protocol,
                          CheckSettings settings, String request, String receive, String virtualHost,
                          String virtualIp, int virtualPort) {

    public CheckTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(receive, "receive");
    }

    public static CheckTarget of(VirtualService v, RealServer r) {
        CheckSettings s = v.check();
        int port = s.checkPort().isPresent() ? s.checkPort().getAsInt()
                : r.endpoint().port() > 0 ? r.endpoint().port()
                : s.service().wellKnownPort().orElse(v.port());
        Endpoint e = r.endpoint();
        String virtualIp = v.key() instanceof VirtualKey.Address a ? a.endpoint().address().getHostAddress()
                : v.key().display();
        boolean perReal = r.request().isPresent() && r.receive().isPresent();
        return new CheckTarget(e.address(), e.port(), port, v.key().protocol(), s,
                perReal ? r.request().get() : s.request(), perReal ? r.receive().get() : s.receive(),
                s.virtualHost().orElse(e.address().getHostAddress()), virtualIp, v.port());
    }

    public ServiceType service() {
        return settings.service();
    }

    /** The request without its leading {@code /}, as most non-HTTP services use it. */
    public String requestWithoutSlash() {
        return request.startsWith("/") ? request.substring(1) : request;
    }
}
