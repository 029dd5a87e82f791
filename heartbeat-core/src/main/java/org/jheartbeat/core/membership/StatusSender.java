package org.jheartbeat.core.membership;

import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that sends status packets: its own realtime thread (so a slow dead-time scan or a
 * log write never holds a heartbeat back), waking at absolute deadlines on the monotonic clock,
 * one keepalive apart. A late wake-up does not shift the schedule (no drift), and after a stall
 * of more than one period it sends once at once and carries on from there rather than sending
 * a burst of stale beats.
 */
final class StatusSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusSender.class);

    private final Thread thread;
    private final RateLimitedLog failures = new RateLimitedLog(LOG, 10_000);
    private volatile boolean stopped;

    /**
     * @param period how often {@code send} runs
     * @param send   sends one round of status packets
     */
    StatusSender(String name, long periodNanos, Runnable send) {
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(() -> run(periodNanos, send));
    }

    StatusSender start() {
        thread.start();
        return this;
    }

    private void run(long periodNanos, Runnable send) {
        RealtimeScheduling.raiseCurrentThread();
        long deadline = System.nanoTime();
        while (!stopped) {
            long now = System.nanoTime();
            while (now - deadline < 0) {
                LockSupport.parkNanos(deadline - now);
                if (stopped) {
                    return;
                }
                now = System.nanoTime();
            }
            try {
                send.run();
            } catch (RuntimeException e) {
                // one failed round must not end the heartbeat: the next deadline tries again
                failures.warn("send", "status packets not sent: " + e);
            }
            deadline += periodNanos;
            if (now - deadline >= 0) {
                deadline = now + periodNanos; // stalled for more than a period: no burst of stale beats
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
