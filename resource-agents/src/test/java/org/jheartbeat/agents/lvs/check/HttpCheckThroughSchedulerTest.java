package org.jheartbeat.agents.lvs.check;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every HTTP check case again, run the way the daemon runs them: through the scheduler, where
 * plain-HTTP checks go through the non-blocking {@link HttpEventLoop} (https, redirects and
 * invalid URLs through the blocking client).
 */
class HttpCheckThroughSchedulerTest extends HttpCheckTest {

    @Override
    CheckResult check(CheckTarget t) {
        AtomicReference<CheckResult> first = new AtomicReference<>();
        try (CheckScheduler scheduler = new CheckScheduler(new HealthChecks(Tls.unverified(), "director.test"), 4,
                (job, result) -> first.compareAndSet(null, result))) {
            scheduler.start(new CheckScheduler.Job("r", t, Duration.ofSeconds(60)), Duration.ZERO);
            await().atMost(Duration.ofSeconds(40)).until(() -> first.get() != null);
        }
        return first.get();
    }
}
