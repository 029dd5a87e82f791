package org.jheartbeat.agents.lvs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jheartbeat.agents.kernel.ipvs.Ipvs;
import org.jheartbeat.agents.kernel.ipvs.IpvsException;
import org.jheartbeat.agents.kernel.ipvs.IpvsService;
import org.jheartbeat.agents.kernel.ipvs.ServiceKey;
import org.jheartbeat.agents.lvs.check.CheckResult;
import org.jheartbeat.agents.lvs.check.CheckScheduler;
import org.jheartbeat.agents.lvs.check.CheckSlot;
import org.jheartbeat.agents.lvs.check.CheckTarget;
import org.jheartbeat.agents.lvs.check.HealthChecks;
import org.jheartbeat.agents.lvs.config.Alerts;
import org.jheartbeat.agents.lvs.config.LdirectordConfig;
import org.jheartbeat.agents.lvs.config.RealServer;
import org.jheartbeat.agents.lvs.config.VirtualService;
import org.jheartbeat.agents.lvs.reconcile.DestinationKey;
import org.jheartbeat.agents.lvs.reconcile.IpvsChange;
import org.jheartbeat.agents.lvs.reconcile.IpvsMapping;
import org.jheartbeat.agents.lvs.reconcile.Plan;
import org.jheartbeat.agents.lvs.reconcile.RealTransitions;
import org.jheartbeat.agents.lvs.reconcile.StartPlanner;
import org.jheartbeat.agents.lvs.reconcile.Step;
import org.jheartbeat.agents.lvs.reconcile.StopPlanner;
import org.jheartbeat.agents.lvs.reconcile.TableSnapshot;
import org.jheartbeat.agents.lvs.reconcile.VirtualState;

/**
 * A running ldirectord: programs IPVS from the configuration, checks every real server and keeps
 * the table equal to "the healthy ones" through the pure planners of the reconcile package.
 * Check results arrive on the checks' threads and are applied one at a time; the kernel's
 * table is read before each change, as ldirectord does, so hand edits are noticed.
 */
public final class LdirectordEngine implements AutoCloseable {

    /** How many checks may be in flight at once. */
    public static final int DEFAULT_MAX_CONCURRENT_CHECKS = 4096;

    private final Ipvs ipvs;
    private final HealthChecks checks;
    /** ldirectord's own log lines ("Added real server: ..."), to the daemon's log and logfile=. */
    private final LdirectordLog log;
    private final EmailAlerts emailAlerts;
    /** Each service's alert settings, for the changes made to it (a deleted one's from before a reload). */
    private Map<ServiceKey, Alerts> alertsByService = Map.of();
    /** The daemon's phase as emailalertstatus names it. */
    private String phase = "starting";
    private final CheckScheduler scheduler;
    private final Object lock = new Object();
    private final Map<String, List<Member>> members = new HashMap<>();
    private LdirectordConfig config;
    private Map<String, VirtualState> states = new HashMap<>();
    private boolean stopped;

    private record Member(VirtualService virtual, RealServer real) {
    }

    private LdirectordEngine(Ipvs ipvs, HealthChecks checks, int maxConcurrent, LdirectordLog log,
                             EmailAlerts emailAlerts) {
        this.ipvs = ipvs;
        this.log = log;
        this.emailAlerts = emailAlerts;
        this.checks = checks;
        this.scheduler = new CheckScheduler(checks, maxConcurrent, this::onResult);
    }

    /** Programs the table for {@code config} (§7.1) and starts checking. The engine owns {@code ipvs}. */
    static LdirectordEngine start(LdirectordConfig config, Ipvs ipvs, HealthChecks checks, int maxConcurrent,
                                  LdirectordLog log, EmailAlerts emailAlerts) throws IOException {
        LdirectordEngine engine = new LdirectordEngine(ipvs, checks, maxConcurrent, log, emailAlerts);
        engine.load(config, Optional.empty());
        return engine;
    }

    /** Applies a new configuration: only what changed is touched (§7.6). */
    public void reload(LdirectordConfig next) throws IOException {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            load(next, Optional.of(config));
        }
    }

    public LdirectordConfig config() {
        synchronized (lock) {
            return config;
        }
    }

    private void load(LdirectordConfig next, Optional<LdirectordConfig> previous) throws IOException {
        synchronized (lock) {
            scheduler.close();
            log.target(next.globals().logFile());
            phase = previous.isPresent() ? "reloading" : "starting";
            Map<ServiceKey, Alerts> byService = new HashMap<>();
            previous.ifPresent(p -> p.virtuals().forEach(v -> byService.put(IpvsMapping.key(v.key()), v.alerts())));
            next.virtuals().forEach(v -> byService.put(IpvsMapping.key(v.key()), v.alerts()));
            alertsByService = byService;
            StartPlanner.Result plan = StartPlanner.plan(next, previous, TableSnapshot.of(ipvs.table()));
            apply(plan.steps());
            phase = "running";
            config = next;
            states = new HashMap<>(plan.states());
            members.clear();
            Map<String, CheckTarget> targets = new LinkedHashMap<>();
            Map<String, Duration> intervals = new HashMap<>();
            for (VirtualService v : next.virtuals()) {
                if (!HealthChecks.isChecked(v.check().type())) {
                    continue;
                }
                for (RealServer r : v.reals()) {
                    String id = RealId.of(v, r);
                    members.computeIfAbsent(id, k -> new ArrayList<>()).add(new Member(v, r));
                    targets.putIfAbsent(id, CheckTarget.of(v, r));
                    intervals.putIfAbsent(id, Duration.ofSeconds(v.check().intervalSeconds()));
                }
            }
            // Every real is checked at once, as ldirectord's first round does; the later rounds
            // are spread over one interval (CheckSlot).
            int i = 0;
            int n = targets.size();
            for (Map.Entry<String, CheckTarget> e : targets.entrySet()) {
                Duration interval = intervals.get(e.getKey());
                scheduler.start(new CheckScheduler.Job(e.getKey(), e.getValue(), interval),
                        CheckSlot.of(i++, n, interval));
            }
        }
    }

    private void onResult(CheckScheduler.Job job, CheckResult result) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            for (Member m : members.getOrDefault(job.id(), List.of())) {
                VirtualService v = m.virtual();
                RealServer r = m.real();
                CheckResult effective = Maintenance.check(config.globals().maintenanceDir(), r)
                        .orElse(result);
                boolean forced = effective != result;
                v.alerts().monitorFile().ifPresent(f -> monitor(Path.of(f), job.id(), effective));
                VirtualState s = states.getOrDefault(v.id(), VirtualState.INITIAL);
                if (effective.up() ? s.isUp(r.endpoint()) && s.failures(r.endpoint()) == 0
                        : !s.isUp(r.endpoint()) && !forced) {
                    continue;
                }
                TableSnapshot table;
                try {
                    table = readService(IpvsMapping.key(v.key()));
                } catch (IOException e) {
                    log.error("cannot read the IPVS table for {}: {}", v.id(), e.getMessage());
                    continue;
                }
                Plan plan = effective.up() ? RealTransitions.up(v, r, s, table, false)
                        : RealTransitions.down(v, r, s, table, config.globals().readdQuiescent(), forced);
                apply(plan.steps());
                states.put(v.id(), plan.next());
            }
        }
    }

    private TableSnapshot readService(ServiceKey key) throws IOException {
        IpvsService service;
        try {
            service = ipvs.service(key).service();
        } catch (IpvsException.NoSuchService e) {
            return TableSnapshot.EMPTY;
        }
        Map<DestinationKey, org.jheartbeat.agents.kernel.ipvs.IpvsDestination> dests = new LinkedHashMap<>();
        ipvs.destinations(key).forEach(d -> dests.put(DestinationKey.of(d.destination()), d.destination()));
        return new TableSnapshot(Map.of(key, new TableSnapshot.Service(service, dests)));
    }

    private void apply(List<? extends Step> steps) {
        for (Step step : steps) {
            switch (step) {
                case IpvsChange c -> {
                    try {
                        send(c);
                        log.info(c.log());
                        Alerts alerts = alertsByService.get(serviceOf(c));
                        if (alerts != null) {
                            emailAlerts.changed(alerts, phase, c.log());
                        }
                    } catch (IOException e) {
                        log.error("IPVS request failed: ipvsadm {}: {}", c.ipvsadm(), e.getMessage());
                    }
                }
                case Step.Log l -> log.info(l.message());
                case Step.RunCommand r -> ShellCommand.run("fallbackcommand", r.commandLine(), log);
            }
        }
    }

    private static ServiceKey serviceOf(IpvsChange c) {
        return switch (c) {
            case IpvsChange.AddService a -> a.service().key();
            case IpvsChange.EditService e -> e.service().key();
            case IpvsChange.DeleteService d -> d.key();
            case IpvsChange.AddDestination a -> a.key();
            case IpvsChange.EditDestination e -> e.key();
            case IpvsChange.DeleteDestination d -> d.key();
        };
    }

    private void send(IpvsChange c) throws IOException {
        switch (c) {
            case IpvsChange.AddService a -> ipvs.addService(a.service());
            case IpvsChange.EditService e -> ipvs.editService(e.service());
            case IpvsChange.DeleteService d -> ipvs.deleteService(d.key());
            case IpvsChange.AddDestination a -> ipvs.addDestination(a.key(), a.destination());
            case IpvsChange.EditDestination e -> ipvs.editDestination(e.key(), e.destination());
            case IpvsChange.DeleteDestination d -> ipvs.deleteDestination(d.key(), d.destination().address(),
                    d.destination().port());
        }
    }

    private void monitor(Path file, String realId, CheckResult r) {
        try {
            MonitorFile.append(file, MonitorFile.line(ZonedDateTime.now(), ProcessHandle.current().pid(), realId,
                    r.up(), r.message()));
        } catch (IOException e) {
            log.warn("cannot write monitorfile {}: {}", file, e.getMessage());
        }
    }

    /** Stops checking and, for virtuals with cleanstop=yes, removes what ldirectord programmed (§7.5). */
    public void stop() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            phase = "stopping";
            scheduler.close();
            try {
                apply(StopPlanner.plan(config, states, TableSnapshot.of(ipvs.table())));
            } catch (IOException e) {
                log.error("cannot read the IPVS table to clean up: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        emailAlerts.close();
        ipvs.close();
    }
}
