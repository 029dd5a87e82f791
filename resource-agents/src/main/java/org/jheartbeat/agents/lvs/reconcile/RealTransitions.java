package org.jheartbeat.agents.lvs.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jheartbeat.agents.kernel.ipvs.IpvsDestination;
import org.jheartbeat.agents.kernel.ipvs.ServiceKey;
import org.jheartbeat.agents.lvs.config.Fallback;
import org.jheartbeat.agents.lvs.config.RealServer;
import org.jheartbeat.agents.lvs.config.VirtualKey;
import org.jheartbeat.agents.lvs.config.VirtualService;

/**
 * ldirectord's reaction to a check result (spec ldirectord.md §7.2-7.4), as a pure function of
 * the virtual, what is believed about it, and the kernel table just read: the changes to make,
 * their log lines, and the new belief. Transitions are edge-triggered: a real already up is not
 * re-added, one already down is not removed again.
 */
public final class RealTransitions {

    private RealTransitions() {
    }

    /** A successful check (or a forced up at start). */
    public static Plan up(VirtualService v, RealServer r, VirtualState state, TableSnapshot table, boolean forced) {
        List<Step> steps = new ArrayList<>();
        if (state.isUp(r.endpoint()) && !forced) {
            if (state.failures(r.endpoint()) > 0) {
                steps.add(new Step.Log("Resetting soft failure count: " + realText(v, r) + " (" + v.id() + ")"));
            }
            return new Plan(steps, state.withFailures(r.endpoint(), 0));
        }
        ServiceKey key = IpvsMapping.key(v.key());
        IpvsDestination wanted = IpvsMapping.destination(v, r, r.weight());
        Optional<IpvsDestination> present = table.destination(key, DestinationKey.of(wanted));
        String text = realText(v, r) + " (" + v.key().display() + ") (Weight set to " + r.weight() + ")";
        if (present.isEmpty()) {
            steps.add(new IpvsChange.AddDestination(key, wanted, "Added real server: " + text));
        } else if (!sameSettings(present.get(), wanted)) {
            steps.add(new IpvsChange.EditDestination(key, wanted, "Restored real server: " + text));
        }
        VirtualState next = state.withUp(r.endpoint(), true);
        next = fallbackOff(v, next, table, steps);
        return new Plan(steps, next);
    }

    /**
     * A failed check. Below failurecount only a soft failure is logged; {@code forced} (start,
     * maintenance) takes the real down at once, even if it was not believed up.
     */
    public static Plan down(VirtualService v, RealServer r, VirtualState state, TableSnapshot table,
                            boolean readdQuiescent, boolean forced) {
        List<Step> steps = new ArrayList<>();
        if (!forced) {
            if (!state.isUp(r.endpoint())) {
                return new Plan(steps, state);
            }
            int failures = state.failures(r.endpoint()) + 1;
            int allowed = v.check().failureCount();
            if (failures < allowed) {
                steps.add(new Step.Log("Soft failure real server: " + realText(v, r) + " (" + v.id() + ") failure "
                        + failures + "/" + allowed));
                return new Plan(steps, state.withFailures(r.endpoint(), failures));
            }
        }
        ServiceKey key = IpvsMapping.key(v.key());
        IpvsDestination full = IpvsMapping.destination(v, r, r.weight());
        Optional<IpvsDestination> present = table.destination(key, DestinationKey.of(full));
        String vdisplay = " (" + v.key().display() + ")";
        if (!v.quiescent()) {
            if (present.isPresent()) {
                steps.add(new IpvsChange.DeleteDestination(key, DestinationKey.of(full),
                        "Deleted real server: " + mappedText(v, r) + vdisplay));
            }
        } else {
            IpvsDestination quiesced = full.withWeight(0);
            String text = realText(v, r) + vdisplay + " (Weight set to 0)";
            if (present.isPresent() && !sameSettings(present.get(), quiesced)) {
                steps.add(new IpvsChange.EditDestination(key, quiesced, "Quiescent real server: " + text));
            } else if (present.isEmpty() && readdQuiescent) {
                steps.add(new IpvsChange.AddDestination(key, quiesced, "Readd Quiescent real server: " + text));
            }
        }
        VirtualState next = state.withUp(r.endpoint(), false);
        next = fallbackOn(v, next, tableAfter(table, steps), steps);
        return new Plan(steps, next);
    }

    /** Adds the fallback (weight 1) and starts the fallback command when no real is up. */
    static VirtualState fallbackOn(VirtualService v, VirtualState state, TableSnapshot table, List<Step> steps) {
        if (!state.up().isEmpty()) {
            return state;
        }
        ServiceKey key = IpvsMapping.key(v.key());
        if (v.fallback().isPresent()) {
            Fallback f = v.fallback().get();
            IpvsDestination wanted = IpvsMapping.fallback(v, f);
            Optional<IpvsDestination> present = table.destination(key, DestinationKey.of(wanted));
            String text = fallbackText(v, f) + " (" + v.key().display() + ") (Weight set to 1)";
            if (present.isEmpty()) {
                steps.add(new IpvsChange.AddDestination(key, wanted, "Added fallback server: " + text));
            } else if (!sameSettings(present.get(), wanted)) {
                steps.add(new IpvsChange.EditDestination(key, wanted, "Restored fallback server: " + text));
            }
        }
        if (v.fallbackCommand().isPresent() && !state.commandStarted().orElse(false)) {
            steps.add(new Step.RunCommand(v.fallbackCommand().get() + " start " + commandTarget(v)));
            return state.withCommandStarted(true);
        }
        return state;
    }

    /** Removes the fallback (never quiesced) and stops the fallback command once a real is up. */
    static VirtualState fallbackOff(VirtualService v, VirtualState state, TableSnapshot table, List<Step> steps) {
        if (state.up().isEmpty()) {
            return state;
        }
        if (v.fallback().isPresent()) {
            Fallback f = v.fallback().get();
            ServiceKey key = IpvsMapping.key(v.key());
            DestinationKey dest = DestinationKey.of(IpvsMapping.fallback(v, f));
            boolean fallbackIsAReal = v.reals().stream()
                    .anyMatch(r -> DestinationKey.of(IpvsMapping.destination(v, r, 0)).equals(dest));
            if (!fallbackIsAReal && table.destination(key, dest).isPresent()) {
                steps.add(new IpvsChange.DeleteDestination(key, dest, "Deleted fallback server: " + fallbackText(v, f)
                        + " (" + v.key().display() + ")"));
            }
        }
        if (v.fallbackCommand().isPresent() && state.commandStarted().orElse(true)) {
            steps.add(new Step.RunCommand(v.fallbackCommand().get() + " stop " + commandTarget(v)));
            return state.withCommandStarted(false);
        }
        return state;
    }

    static boolean sameSettings(IpvsDestination a, IpvsDestination b) {
        return a.weight() == b.weight() && a.method() == b.method() && a.upperThreshold() == b.upperThreshold()
                && a.lowerThreshold() == b.lowerThreshold();
    }

    /** {@code RIP:PORT} as the log lines show a real (a real without port shows the port IPVS uses). */
    static String realText(VirtualService v, RealServer r) {
        int port = r.endpoint().port() == 0 ? IpvsMapping.kernelPort(v, r.endpoint(), r.forwarding())
                : r.endpoint().port();
        return r.endpoint().host() + ":" + port;
    }

    /** {@code RIP:VPORT mapped from RIP:PORT} when IPVS stores the real under the virtual's port. */
    static String mappedText(VirtualService v, RealServer r) {
        int kernel = IpvsMapping.kernelPort(v, r.endpoint(), r.forwarding());
        if (r.endpoint().port() != 0 && r.endpoint().port() != kernel) {
            return r.endpoint().host() + ":" + kernel + " mapped from " + r.endpoint();
        }
        return realText(v, r);
    }

    private static String fallbackText(VirtualService v, Fallback f) {
        return f.endpoint().host() + ":" + IpvsMapping.kernelPort(v, f.endpoint(), f.forwarding());
    }

    /** {@code VIP:PORT PROTO}, or {@code :0 fwm} for mark services. */
    static String commandTarget(VirtualService v) {
        return switch (v.key()) {
            case VirtualKey.Address a -> a.endpoint() + " " + a.protocol().word();
            case VirtualKey.Mark m -> ":0 fwm";
        };
    }

    static TableSnapshot tableAfter(TableSnapshot table, List<Step> steps) {
        TableSnapshot t = table;
        for (Step s : steps) {
            if (s instanceof IpvsChange c) {
                t = t.after(c);
            }
        }
        return t;
    }
}
