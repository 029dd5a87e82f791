package org.jheartbeat.agents.lvs.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jheartbeat.agents.lvs.LdirectordEngine;
import org.jheartbeat.agents.lvs.check.CheckScheduler;
import org.jheartbeat.agents.lvs.check.CheckSlot;
import org.jheartbeat.agents.lvs.check.CheckTarget;
import org.jheartbeat.agents.lvs.check.HealthChecks;
import org.jheartbeat.agents.lvs.check.Tls;
import org.jheartbeat.agents.lvs.config.LdirectordConfig;
import org.jheartbeat.agents.lvs.config.LdirectordConfigParser;
import org.jheartbeat.agents.lvs.config.NameResolver;
import org.jheartbeat.agents.lvs.config.RealServer;
import org.jheartbeat.agents.lvs.config.VirtualService;

/**
 * The Java ldirectord's checking for one ldirectord.cf, without IPVS (the build host has none):
 * the same parser, scheduler, concurrency bound and check slots ({@code CheckSlot}) as the daemon, the
 * results dropped instead of reconciled (with every real healthy the daemon makes no IPVS change
 * after the first round either). Runs until stdin closes; {@code start} / {@code report} on
 * stdin measure its own view of lateness (check start vs. slot) for {@link LdirectordComparison}.
 *
 * <pre>java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx192m -cp ... JavaChecker ldirectord.cf</pre>
 */
public final class JavaChecker {

    private JavaChecker() {
    }

    public static void main(String[] args) throws Exception {
        LdirectordConfigParser.Result r = LdirectordConfigParser.parse(Path.of(args[0]),
                new LdirectordConfigParser.Options(NameResolver.numericOnly(), "bench"));
        LdirectordConfig config = r.config().orElseThrow(() -> new IllegalStateException(r.problems().toString()));
        List<CheckScheduler.Job> jobs = new ArrayList<>();
        for (VirtualService v : config.virtuals()) {
            for (RealServer real : v.reals()) {
                jobs.add(new CheckScheduler.Job("r" + jobs.size(), CheckTarget.of(v, real),
                        Duration.ofSeconds(v.check().intervalSeconds())));
            }
        }
        HealthChecks checks = new HealthChecks(Tls.unverified(), "bench");
        try (CheckScheduler scheduler = new CheckScheduler(checks, LdirectordEngine.DEFAULT_MAX_CONCURRENT_CHECKS,
                (job, result) -> { })) {
            int n = jobs.size();
            for (int i = 0; i < n; i++) {
                CheckScheduler.Job job = jobs.get(i);
                scheduler.start(job, CheckSlot.of(i, n, job.interval()));
            }
            System.out.println("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            long completed0 = 0;
            long t0 = System.nanoTime();
            for (String line; (line = in.readLine()) != null; ) {
                switch (line.strip()) {
                    case "start" -> {
                        scheduler.lateness().reset();
                        completed0 = scheduler.completedChecks();
                        t0 = System.nanoTime();
                    }
                    case "report" -> System.out.printf("checks=%d seconds=%.3f start_lateness_p50=%d"
                                    + " start_lateness_p99=%d%n", scheduler.completedChecks() - completed0,
                            (System.nanoTime() - t0) / 1e9, scheduler.lateness().percentileMillis(0.5),
                            scheduler.lateness().percentileMillis(0.99));
                    default -> System.out.println("unknown command " + line);
                }
                System.out.flush();
            }
        }
    }
}
