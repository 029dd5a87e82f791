package org.jheartbeat.agents.lvs.check;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class CheckSchedulerTest {

    private final HealthChecks checks = new HealthChecks(Tls.unverified(), "director.test");

    private static CheckTarget nntp(int port, String... extra) {
        return Targets.of("10.0.0.1:119", List.of(extra), "real=127.0.0.1:" + port + " gate", "checkinterval=1");
    }

    @Test
    void aServerThatNeverAnswersDelaysNobodyElse() throws Exception {
        List<String> results = new CopyOnWriteArrayList<>();
        try (LinePeer slow = LinePeer.silent();
             LinePeer fast = new LinePeer((in, out) -> out.print("200 ready\r\n"));
             CheckScheduler scheduler = new CheckScheduler(checks, 16,
                     (job, result) -> results.add(job.id() + " " + result.up()))) {
            scheduler.start(new CheckScheduler.Job("slow", nntp(slow.port(), "negotiatetimeout=30"),
                    Duration.ofSeconds(1)), Duration.ZERO);
            scheduler.start(new CheckScheduler.Job("fast", nntp(fast.port()), Duration.ofSeconds(1)), Duration.ZERO);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> results.stream().filter(r -> r.equals("fast true")).count() >= 3);

            assertTrue(results.stream().noneMatch(r -> r.startsWith("slow")),
                    "the slow server's first check is still waiting for its 30 s timeout: " + results);
        }
    }

    @Test
    void theFirstCheckRunsAtItsSlotAndTheLaterOnesFromThePhase() throws Exception {
        List<Long> checkedAt = new CopyOnWriteArrayList<>();
        try (LinePeer server = new LinePeer((in, out) -> out.print("200 ready\r\n"));
             CheckScheduler scheduler = new CheckScheduler(checks, 4, (job, r) -> checkedAt.add(System.nanoTime()))) {
            long started = System.nanoTime();
            scheduler.start(new CheckScheduler.Job("r", nntp(server.port()), Duration.ofMillis(300)),
                    new CheckSlot(Duration.ZERO, Duration.ofSeconds(5)));

            // the first check does not wait for the job's place in the interval (5 s)
            await("first check before the phase").atMost(Duration.ofSeconds(4)).until(() -> !checkedAt.isEmpty());
            await().atMost(Duration.ofSeconds(30)).until(() -> checkedAt.size() >= 2);
            scheduler.stop("r");

            // the second is due at phase + interval = 5.3 s, never earlier (the wheel runs nothing before its tick)
            long second = Duration.ofNanos(checkedAt.get(1) - started).toMillis();
            assertTrue(second >= 5300 - 1, "second check after " + second + " ms");
        }
    }

    @Test
    void combinedCheckNegotiatesThenConnectsNTimes() throws Exception {
        List<String> results = new CopyOnWriteArrayList<>();
        try (LinePeer server = new LinePeer((in, out) -> out.print("200 ready\r\n"));
             CheckScheduler scheduler = new CheckScheduler(checks, 4, (job, r) -> results.add(r.message()))) {
            CheckTarget t = Targets.of("10.0.0.1:119", "real=127.0.0.1:" + server.port() + " gate", "checktype=2");
            scheduler.start(new CheckScheduler.Job("c", t, Duration.ofMillis(50)), Duration.ZERO);

            await().atMost(Duration.ofSeconds(20)).until(() -> results.size() >= 6);
            scheduler.stop("c");

            assertEquals(List.of("200 ready", "Success", "Success", "200 ready", "Success", "Success"),
                    results.subList(0, 6), "negotiate (the nntp greeting), then 2 connect checks, and again");
        }
    }
}
