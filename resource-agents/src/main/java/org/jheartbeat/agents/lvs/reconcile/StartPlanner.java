package org.jheartbeat.agents.lvs.reconcile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jheartbeat.agents.kernel.ipvs.IpvsDestination;
import org.jheartbeat.agents.kernel.ipvs.IpvsService;
import org.jheartbeat.agents.kernel.ipvs.ServiceKey;
import org.jheartbeat.agents.lvs.config.LdirectordConfig;
import org.jheartbeat.agents.lvs.config.RealServer;
import org.jheartbeat.agents.lvs.config.VirtualService;

/**
 * The programming at start and at every reload (spec ldirectord.md §7.1), as the minimal
 * difference between the configuration and the table read from the kernel: services are added,
 * or edited only when their options differ; reals already serving keep serving; reals the file
 * does not list are purged; services of the previous configuration that are gone are deleted;
 * services nobody configured are left alone. A service whose file section did not change and
 * whose reals are as the last run left them gets no request at all.
 *
 * <p>ldirectord briefly adds and removes each real that is not serving at start; this goes
 * straight to the end state (absent, or weight 0 when quiescent), with the final log line.
 */
public final class StartPlanner {

    /** The steps in order, and the belief about each virtual (by virtual id) once they are done. */
    public record Result(List<Step> steps, Map<String, VirtualState> states) {
        public Result {
            steps = List.copyOf(steps);
            states = Map.copyOf(states);
        }
    }

    private StartPlanner() {
    }

    public static Result plan(LdirectordConfig config, Optional<LdirectordConfig> previous, TableSnapshot before) {
        List<Step> steps = new ArrayList<>();
        TableSnapshot table = before;
        for (VirtualService v : config.virtuals()) {
            IpvsService wanted = IpvsMapping.service(v);
            Optional<TableSnapshot.Service> existing = before.service(wanted.key());
            IpvsChange change = null;
            if (existing.isEmpty()) {
                change = new IpvsChange.AddService(wanted, "Added virtual server: " + v.key().display());
            } else if (!sameOptions(existing.get().service(), wanted)) {
                change = new IpvsChange.EditService(wanted, "Changed virtual server: " + v.key().display());
            }
            if (change != null) {
                steps.add(change);
                table = table.after(change);
            }
        }
        Map<String, VirtualState> states = new LinkedHashMap<>();
        boolean readdQuiescent = config.globals().readdQuiescent();
        for (VirtualService v : config.virtuals()) {
            List<Step> own = new ArrayList<>();
            VirtualState state = adoptOrPurge(v, before, table, own);
            table = RealTransitions.tableAfter(table, own);
            for (RealServer r : v.reals()) {
                if (!state.isUp(r.endpoint())) {
                    int before2 = own.size();
                    settleDown(v, r, table, readdQuiescent, own);
                    table = RealTransitions.tableAfter(table, own.subList(before2, own.size()));
                }
            }
            List<Step> fallback = new ArrayList<>();
            state = state.up().isEmpty() ? RealTransitions.fallbackOn(v, state, table, fallback)
                    : RealTransitions.fallbackOff(v, state, table, fallback);
            table = RealTransitions.tableAfter(table, fallback);
            own.addAll(fallback);
            steps.addAll(own);
            states.put(v.id(), state);
        }
        Set<ServiceKey> wanted = new HashSet<>();
        config.virtuals().forEach(v -> wanted.add(IpvsMapping.key(v.key())));
        for (VirtualService old : previous.map(LdirectordConfig::virtuals).orElse(List.of())) {
            ServiceKey key = IpvsMapping.key(old.key());
            if (!wanted.contains(key) && table.service(key).isPresent()) {
                IpvsChange delete = new IpvsChange.DeleteService(key, "Purged virtual server (start): "
                        + old.key().display());
                steps.add(delete);
                table = table.after(delete);
            }
        }
        return new Result(steps, states);
    }

    /**
     * Step 2: reals serving in the table are believed up (their settings restored if the file
     * changed them); what the file does not list, except the fallback, is purged.
     */
    private static VirtualState adoptOrPurge(VirtualService v, TableSnapshot before, TableSnapshot table,
                                             List<Step> steps) {
        ServiceKey key = IpvsMapping.key(v.key());
        Map<DestinationKey, IpvsDestination> present = before.service(key)
                .map(TableSnapshot.Service::destinations).orElse(Map.of());
        Set<DestinationKey> configured = new HashSet<>();
        VirtualState state = VirtualState.INITIAL;
        for (RealServer r : v.reals()) {
            IpvsDestination wanted = IpvsMapping.destination(v, r, r.weight());
            DestinationKey dk = DestinationKey.of(wanted);
            configured.add(dk);
            IpvsDestination found = present.get(dk);
            if (found != null && found.weight() > 0) {
                state = state.withUp(r.endpoint(), true);
                if (!RealTransitions.sameSettings(found, wanted)) {
                    steps.add(new IpvsChange.EditDestination(key, wanted, "Restored real server: "
                            + RealTransitions.realText(v, r) + " (" + v.key().display() + ") (Weight set to "
                            + r.weight() + ")"));
                }
            }
        }
        v.fallback().ifPresent(f -> configured.add(DestinationKey.of(IpvsMapping.fallback(v, f))));
        if (table.service(key).isPresent()) {
            for (DestinationKey dk : present.keySet()) {
                if (!configured.contains(dk)) {
                    steps.add(new IpvsChange.DeleteDestination(key, dk, "Purged real server (start): "
                            + IpvsadmText.hostPort(dk.address(), dk.port()) + " (" + v.key().display() + ")"));
                }
            }
        }
        return state;
    }

    /** Step 3: a real not serving ends absent (quiescent=no) or with weight 0 (quiescent=yes). */
    private static void settleDown(VirtualService v, RealServer r, TableSnapshot table, boolean readdQuiescent,
                                   List<Step> steps) {
        ServiceKey key = IpvsMapping.key(v.key());
        IpvsDestination quiesced = IpvsMapping.destination(v, r, 0);
        Optional<IpvsDestination> present = table.destination(key, DestinationKey.of(quiesced));
        String vdisplay = " (" + v.key().display() + ")";
        if (!v.quiescent()) {
            if (present.isPresent()) {
                steps.add(new IpvsChange.DeleteDestination(key, DestinationKey.of(quiesced), "Deleted real server: "
                        + RealTransitions.mappedText(v, r) + vdisplay));
            }
            return;
        }
        String text = RealTransitions.realText(v, r) + vdisplay + " (Weight set to 0)";
        if (present.isEmpty()) {
            steps.add(new IpvsChange.AddDestination(key, quiesced,
                    (readdQuiescent ? "Readd Quiescent real server: " : "Quiescent real server: ") + text));
        } else if (!RealTransitions.sameSettings(present.get(), quiesced)) {
            steps.add(new IpvsChange.EditDestination(key, quiesced, "Quiescent real server: " + text));
        }
    }

    static boolean sameOptions(IpvsService a, IpvsService b) {
        return a.scheduler().equals(b.scheduler()) && a.flags().equals(b.flags())
                && a.persistenceTimeout() == b.persistenceTimeout() && a.netmask() == b.netmask()
                && a.persistenceEngine().equals(b.persistenceEngine());
    }
}
