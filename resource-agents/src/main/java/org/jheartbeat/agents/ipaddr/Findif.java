package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.agents.kernel.Route;
import org.jheartbeat.agents.kernel.RtNetlink;
import org.jheartbeat.core.agent.OcfResult;

import java.net.Inet4Address;
import java.util.List;
import java.util.OptionalInt;

/**
 * Which interface and prefix length serve an address, from the routing table, as IPaddr2's
 * findif.sh decides: the longest main-table, link-scope route that contains the address (and
 * whose prefix is no longer than a given netmask, and that leaves through a given interface).
 * Pure: the routes come from the caller.
 */
final class Findif {

    /** The answer: interface index and prefix length. */
    record Result(int ifindex, int prefixLength) {
    }

    private Findif() {
    }

    /**
     * @param nicIndex     the interface the operator named, if any
     * @param prefixLength the netmask the operator gave, if any
     * @throws AgentFailure {@code OCF_ERR_GENERIC} "Unable to find nic or netmask." when nothing fits
     *                      and the operator did not give both
     */
    static Result find(List<Route> routes, Inet4Address ip, OptionalInt nicIndex, OptionalInt prefixLength)
            throws AgentFailure {
        Route best = null;
        for (Route route : routes) {
            if (route.table() != RtNetlink.RT_TABLE_MAIN || route.scope() != RtNetlink.RT_SCOPE_LINK
                    || route.type() != RtNetlink.RTN_UNICAST || route.prefixLength() == 0 || !route.contains(ip)) {
                continue;
            }
            if (prefixLength.isPresent() && route.prefixLength() > prefixLength.getAsInt()) {
                continue;
            }
            if (nicIndex.isPresent() && route.outputIfindex() != nicIndex.getAsInt()) {
                continue;
            }
            if (best == null || route.prefixLength() >= best.prefixLength()) {
                best = route;
            }
        }
        if (best == null && ip.getAddress()[0] == 127) {
            best = routes.stream()
                    .filter(r -> r.table() == RtNetlink.RT_TABLE_LOCAL && r.type() == RtNetlink.RTN_LOCAL && r.contains(ip))
                    .filter(r -> nicIndex.isEmpty() || r.outputIfindex() == nicIndex.getAsInt())
                    .reduce((a, b) -> b).orElse(null);
        }
        if (best == null) {
            if (nicIndex.isPresent() && prefixLength.isPresent()) {
                return new Result(nicIndex.getAsInt(), prefixLength.getAsInt());
            }
            throw new AgentFailure(OcfResult.ERR_GENERIC, "Unable to find nic or netmask.");
        }
        return new Result(nicIndex.orElse(best.outputIfindex()), prefixLength.orElse(best.prefixLength()));
    }
}
