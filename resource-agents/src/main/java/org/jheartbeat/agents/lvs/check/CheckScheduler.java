package org.jheartbeat.agents.lvs.check;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.jheartbeat.agents.lvs.config.CheckType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every real server's check on its own virtual thread, every interval, with at most
 * {@code maxConcurrent} checks in flight. A server that hangs until its timeout holds one permit
 * and delays nobody else (ldirectord checks one server after the other, so there one slow server
 * delays all). Missed slots are skipped rather than run back to back.
 */
public final class CheckScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckScheduler.class);

    /** One check to repeat: {@code id} names it (a real checked for several virtuals runs once). */
    public record Job(String id, CheckTarget target, Duration interval) {
    }

    /** Receives every result, on the check's thread; must not block for long. */
    public interface Listener {
        void onResult(Job job, CheckResult result);
    }

    private final HealthChecks checks;
    private final Semaphore permits;
    private final Listener listener;
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private final LatenessHistogram lateness = new LatenessHistogram();
    private final LongAdder completed = new LongAdder();

    public CheckScheduler(HealthChecks checks, int maxConcurrent, Listener listener) {
        this.checks = checks;
        this.permits = new Semaphore(maxConcurrent);
        this.listener = listener;
    }

    /** Starts repeating a job, its first check after {@code initialDelay}; a job with the same id is replaced. */
    public void start(Job job, Duration initialDelay) {
        stop(job.id());
        Thread t = Thread.ofVirtual().name("check " + job.id()).unstarted(() -> loop(job, initialDelay));
        running.put(job.id(), t);
        t.start();
    }

    public void stop(String id) {
        Thread t = running.remove(id);
        if (t != null) {
            t.interrupt();
        }
    }

    public LatenessHistogram lateness() {
        return lateness;
    }

    public long completedChecks() {
        return completed.sum();
    }

    private void loop(Job job, Duration initialDelay) {
        long interval = job.interval().toNanos();
        long next = System.nanoTime() + initialDelay.toNanos();
        CheckType type = job.target().settings().type();
        int connectRoundsLeft = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                    if (Thread.interrupted()) {
                        return;
                    }
                }
                CheckResult result;
                permits.acquire();
                try {
                    lateness.record(System.nanoTime() - next);
                    if (type.kind() == CheckType.Kind.COMBINED && connectRoundsLeft > 0) {
                        result = checks.connect(job.target());
                        connectRoundsLeft = result.up() ? connectRoundsLeft - 1 : 0;
                    } else {
                        result = checks.run(job.target());
                        if (type.kind() == CheckType.Kind.COMBINED && result.up()) {
                            connectRoundsLeft = type.connectRounds();
                        }
                    }
                } finally {
                    permits.release();
                }
                completed.increment();
                if (running.get(job.id()) != Thread.currentThread()) {
                    return;
                }
                listener.onResult(job, result);
                next += interval;
                long now = System.nanoTime();
                while (next - now < 0) {
                    next += interval;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("check of {} stopped by a bug: {}", job.id(), e.toString(), e);
        }
    }

    @Override
    public void close() {
        for (String id : Map.copyOf(running).keySet()) {
            stop(id);
        }
    }
}
