package org.jheartbeat.agents.lvs.reconcile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jheartbeat.agents.lvs.config.LdirectordConfig;
import org.jheartbeat.agents.lvs.config.LdirectordConfigParser;
import org.jheartbeat.agents.lvs.config.NameResolver;
import org.jheartbeat.agents.lvs.config.RealServer;
import org.jheartbeat.agents.lvs.config.VirtualService;
import org.jheartbeat.core.config.ConfigLine;
import org.jheartbeat.core.config.ConfigText;

/**
 * Drives the pure planners the way the engine does: the kernel table is the previous table
 * with each planned change applied, and every step's ipvsadm form and log line is recorded.
 */
final class Scenario {

    TableSnapshot table = TableSnapshot.EMPTY;
    LdirectordConfig config;
    Map<String, VirtualState> states = new HashMap<>();
    final List<String> ipvsadm = new ArrayList<>();
    final List<String> log = new ArrayList<>();

    static LdirectordConfig config(String... lines) {
        List<ConfigLine> numbered = new ArrayList<>();
        for (String l : lines) {
            numbered.add(new ConfigLine(numbered.size() + 1, l));
        }
        LdirectordConfigParser.Result r = LdirectordConfigParser.parse(new ConfigText(Path.of("t.cf"), numbered),
                new LdirectordConfigParser.Options(NameResolver.numericOnly(), "director.test"));
        return r.config().orElseThrow(() -> new AssertionError(r.problems().toString()));
    }

    Scenario start(String... lines) {
        return load(config(lines));
    }

    /** Start or reload with a configuration: the §7.1 programming. */
    Scenario load(LdirectordConfig next) {
        StartPlanner.Result plan = StartPlanner.plan(next, Optional.ofNullable(config), table);
        record(plan.steps());
        config = next;
        states = new HashMap<>(plan.states());
        return this;
    }

    Scenario result(String realEndpoint, boolean up) {
        for (VirtualService v : config.virtuals()) {
            for (RealServer r : v.reals()) {
                if (r.endpoint().toString().equals(realEndpoint)) {
                    VirtualState s = states.get(v.id());
                    Plan p = up ? RealTransitions.up(v, r, s, table, false)
                            : RealTransitions.down(v, r, s, table, config.globals().readdQuiescent(), false);
                    record(p.steps());
                    states.put(v.id(), p.next());
                }
            }
        }
        return this;
    }

    Scenario stop() {
        record(new ArrayList<>(StopPlanner.plan(config, states, table)));
        return this;
    }

    private void record(List<? extends Step> steps) {
        for (Step s : steps) {
            switch (s) {
                case IpvsChange c -> {
                    table = table.after(c);
                    ipvsadm.add(c.ipvsadm());
                    log.add(c.log());
                }
                case Step.Log l -> log.add(l.message());
                case Step.RunCommand c -> log.add("run: " + c.commandLine());
            }
        }
    }

    /** What was recorded since the last call, then forgets it. */
    List<String> takeIpvsadm() {
        List<String> copy = List.copyOf(ipvsadm);
        ipvsadm.clear();
        return copy;
    }

    List<String> takeLog() {
        List<String> copy = List.copyOf(log);
        log.clear();
        return copy;
    }
}
