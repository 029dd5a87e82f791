package org.jheartbeat.agents.lvs.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jheartbeat.agents.kernel.ipvs.ServiceKey;
import org.jheartbeat.agents.lvs.config.LdirectordConfig;
import org.jheartbeat.agents.lvs.config.RealServer;
import org.jheartbeat.agents.lvs.config.VirtualService;

/**
 * Stopping (spec ldirectord.md §7.5): for each virtual with cleanstop=yes, the reals believed
 * up are purged, then the service (which takes quiesced reals and the fallback with it). With
 * cleanstop=no the table is left as it is, so traffic keeps flowing unchecked.
 */
public final class StopPlanner {

    private StopPlanner() {
    }

    public static List<IpvsChange> plan(LdirectordConfig config, Map<String, VirtualState> states,
                                        TableSnapshot table) {
        List<IpvsChange> changes = new ArrayList<>();
        for (VirtualService v : config.virtuals()) {
            ServiceKey key = IpvsMapping.key(v.key());
            if (!v.cleanStop() || table.service(key).isEmpty()) {
                continue;
            }
            VirtualState state = states.getOrDefault(v.id(), VirtualState.INITIAL);
            for (RealServer r : v.reals()) {
                DestinationKey dk = DestinationKey.of(IpvsMapping.destination(v, r, 0));
                if (state.isUp(r.endpoint()) && table.destination(key, dk).isPresent()) {
                    changes.add(new IpvsChange.DeleteDestination(key, dk, "Purged real server (stop): "
                            + RealTransitions.realText(v, r) + " (" + v.key().display() + ")"));
                }
            }
            changes.add(new IpvsChange.DeleteService(key, "Purged virtual server (stop): " + v.key().display()));
        }
        return changes;
    }
}
