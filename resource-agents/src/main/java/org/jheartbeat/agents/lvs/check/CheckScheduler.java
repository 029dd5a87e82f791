package org.jheartbeat.agents.lvs.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.jheartbeat.agents.lvs.config.CheckType;
import org.jheartbeat.agents.lvs.config.ServiceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every real server's check every interval with at most {@code maxConcurrent} checks in
 * flight. A server that hangs until its timeout holds one permit and delays nobody else
 * (ldirectord checks one server after the other, so there one slow server delays all). Missed
 * slots are skipped rather than run back to back; a check due while every permit (or its
 * event loop's every slot) is taken waits in a queue and starts when another check finishes
 * (its lateness counts from its slot). There is one such queue per event loop and one for the
 * checks on threads: with a single queue, a check whose loop was full went back to the end of
 * it behind thousands of others, which made the slowest checks more than an interval late.
 *
 * <p>Waiting between checks is a record in a {@link TimerWheel}, not a parked thread per real:
 * with ten thousand reals that keeps memory flat (no stacks or timers held between checks) and
 * lets one thread start every check close to its time. Plain-HTTP negotiate checks (the bulk on
 * a big director) go through the non-blocking {@link HttpEventLoop}; every other check runs on
 * a fresh virtual thread.
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

    /** A job's state between runs; at most one run of a job is in flight at a time. */
    private static final class Entry {
        final Job job;
        final long intervalNanos;
        final String threadName;
        final int loopIndex;
        /** The plain-HTTP request the event loop can send for a negotiate check, else null. */
        final HttpCheck.Hop fastHttp;
        final byte[] fastRequest;
        volatile boolean stopped;
        volatile Thread running;
        long next;
        /** Added once, after the first check, to move the later ones to the job's phase. */
        long phaseShift;
        int connectRoundsLeft;

        Entry(Job job, long first, long phaseShift) {
            this.job = job;
            this.phaseShift = phaseShift;
            this.intervalNanos = job.interval().toNanos();
            this.threadName = "check " + job.id();
            this.loopIndex = Math.floorMod(job.id().hashCode(), 1 << 16);
            this.next = first;
            CheckTarget t = job.target();
            CheckType.Kind kind = t.settings().type().kind();
            this.fastHttp = t.service() == ServiceType.HTTP
                    && (kind == CheckType.Kind.NEGOTIATE || kind == CheckType.Kind.COMBINED)
                    ? HttpCheck.firstHop(t).filter(h -> !h.https()).orElse(null) : null;
            this.fastRequest = fastHttp == null ? null : fastHttp.request().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return threadName;
        }
    }

    private final HealthChecks checks;
    private final Semaphore permits;
    private final Listener listener;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final LatenessHistogram lateness = new LatenessHistogram();
    private final LongAdder completed = new LongAdder();
    /**
     * Checks due while every permit or their event loop's every slot was taken, in the order they
     * came due: one queue per event loop, the last one for checks that run on threads.
     */
    private final Deque<Entry>[] waiting;
    private final int loopCount = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** Which queue {@link #admitIfFree} serves first, so that no loop's queue is always last. */
    private final AtomicInteger nextQueue = new AtomicInteger();
    private TimerWheel<Entry> wheel;
    /** One event loop per core, so plain-HTTP checks can use all of them; a real always uses the same one. */
    private volatile HttpEventLoop[] loops;
    private ExecutorService results;

    @SuppressWarnings("unchecked")
    public CheckScheduler(HealthChecks checks, int maxConcurrent, Listener listener) {
        this.checks = checks;
        this.permits = new Semaphore(maxConcurrent);
        this.listener = listener;
        this.waiting = new Deque[loopCount + 1];
        for (int i = 0; i < waiting.length; i++) {
            waiting[i] = new ConcurrentLinkedDeque<>();
        }
    }

    /** The queue a check waits in: its event loop's, or the last one for checks on threads. */
    private Deque<Entry> queueOf(Entry e) {
        return waiting[usesLoop(e) ? e.loopIndex % loopCount : loopCount];
    }

    private static boolean usesLoop(Entry e) {
        return e.fastHttp != null && e.connectRoundsLeft == 0;
    }

    /** Starts repeating a job, its first check after {@code initialDelay}; a job with the same id is replaced. */
    public void start(Job job, Duration initialDelay) {
        start(job, CheckSlot.at(initialDelay));
    }

    /**
     * Starts repeating a job, its first check at {@code slot.first()} and the later ones every
     * interval from {@code slot.phase()}; a job with the same id is replaced.
     */
    public void start(Job job, CheckSlot slot) {
        stop(job.id());
        Entry e = new Entry(job, System.nanoTime() + slot.first().toNanos(),
                slot.phase().minus(slot.first()).toNanos());
        entries.put(job.id(), e);
        wheel().schedule(e, e.next);
    }

    private synchronized TimerWheel<Entry> wheel() {
        if (wheel == null) {
            wheel = new TimerWheel<>("check timer", this::launch);
        }
        return wheel;
    }

    public void stop(String id) {
        Entry e = entries.remove(id);
        if (e != null) {
            e.stopped = true;
            Thread t = e.running;
            if (t != null) {
                t.interrupt();
            }
        }
    }

    public LatenessHistogram lateness() {
        return lateness;
    }

    public long completedChecks() {
        return completed.sum();
    }

    /** A check is due (from the wheel). */
    private void launch(Entry e) {
        if (!e.stopped && !tryStart(e)) {
            // Every permit or event-loop slot is taken: queue up (no thread parked per waiting
            // check); the next check to finish starts it.
            queueOf(e).add(e);
            admitIfFree(); // one may have been freed meanwhile
        }
    }

    /** Starts the check if a permit (and for the event loop, a slot) is free; false if not, nothing done. */
    private boolean tryStart(Entry e) {
        if (!permits.tryAcquire()) {
            return false;
        }
        long late = System.nanoTime() - e.next;
        if (usesLoop(e)) {
            long deadline = System.nanoTime()
                    + TimeUnit.SECONDS.toNanos(e.job.target().settings().negotiateTimeoutSeconds());
            boolean started = loop(e).submit(e.fastHttp.address(), e.fastHttp.port(), e.fastRequest,
                    HttpCheck.isHead(e.job.target()), deadline, (response, failure) -> {
                        release();
                        deliver(e, response, failure);
                    });
            if (!started) {
                permits.release();
                return false;
            }
        } else {
            Thread.ofVirtual().name(e.threadName).start(() -> runOnce(e));
        }
        lateness.record(late);
        return true;
    }

    /** Gives back a permit (or event-loop slot) and starts waiting checks while there is room. */
    private void release() {
        permits.release();
        admitIfFree();
    }

    private void admitIfFree() {
        int first = Math.floorMod(nextQueue.getAndIncrement(), waiting.length);
        for (int i = 0; i < waiting.length && permits.availablePermits() > 0; i++) {
            Deque<Entry> queue = waiting[(first + i) % waiting.length];
            for (Entry next = queue.poll(); next != null; next = queue.poll()) {
                if (next.stopped) {
                    continue;
                }
                if (!tryStart(next)) {
                    queue.addFirst(next); // its event loop is full: first in line at the next release
                    break;
                }
                if (permits.availablePermits() == 0) {
                    return;
                }
            }
        }
    }

    /**
     * Hands an event-loop answer on: a redirect to a virtual thread of its own (it makes blocking
     * requests), everything else to the one results thread, which spares a thread per check (a
     * fifth of the CPU a plain-HTTP check costs) and, like the engine's lock every result takes
     * anyway, delivers results one after the other.
     */
    private void deliver(Entry e, HttpResponse response, IOException failure) {
        if (response != null && HttpCheck.isRedirect(response)) {
            Thread.ofVirtual().name(e.threadName).start(() -> afterExchange(e, response, null));
        } else {
            results().execute(() -> afterExchange(e, response, failure));
        }
    }

    private synchronized ExecutorService results() {
        if (results == null) {
            results = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("check results").factory());
        }
        return results;
    }

    /** Finishes a check whose first request went through the event loop (redirects are followed here). */
    private void afterExchange(Entry e, HttpResponse response, IOException failure) {
        CheckResult result;
        if (failure != null) {
            result = CheckResult.down(HealthChecks.reason(failure));
        } else if (HttpCheck.isRedirect(response)) {
            e.running = Thread.currentThread();
            try {
                if (e.stopped) {
                    return;
                }
                permits.acquire();
                try {
                    result = checks.run(e.job.target());
                } finally {
                    release();
                }
            } catch (InterruptedException interrupted) {
                return;
            } finally {
                e.running = null;
            }
        } else {
            result = checks.judgeHttp(e.job.target(), response);
        }
        if (result.up() && e.job.target().settings().type().kind() == CheckType.Kind.COMBINED) {
            e.connectRoundsLeft = e.job.target().settings().type().connectRounds();
        }
        completed(e, result);
    }

    private HttpEventLoop loop(Entry e) {
        HttpEventLoop[] l = loops;
        if (l == null) {
            synchronized (this) {
                if (loops == null) {
                    HttpEventLoop[] made = new HttpEventLoop[loopCount];
                    for (int i = 0; i < made.length; i++) {
                        made[i] = new HttpEventLoop("http checks " + i);
                    }
                    loops = made;
                }
                l = loops;
            }
        }
        return l[e.loopIndex % l.length];
    }

    /** One check on its own virtual thread, holding the permit {@link #launch} took. */
    private void runOnce(Entry e) {
        e.running = Thread.currentThread();
        CheckResult result;
        try {
            if (e.stopped) {
                return;
            }
            result = check(e);
        } catch (InterruptedException interrupted) {
            return; // stopped
        } catch (RuntimeException bug) {
            LOG.error("check of {} stopped by a bug: {}", e.job.id(), bug.toString(), bug);
            return;
        } finally {
            e.running = null;
            release();
        }
        completed(e, result);
    }

    private void completed(Entry e, CheckResult result) {
        completed.increment();
        if (e.stopped) {
            return;
        }
        listener.onResult(e.job, result);
        long now = System.nanoTime();
        e.next += e.intervalNanos + e.phaseShift;
        e.phaseShift = 0;
        while (e.next - now < 0) {
            e.next += e.intervalNanos;
        }
        reschedule(e);
    }

    /** Under the lock so that a job stopped by {@link #close()} cannot start a new wheel. */
    private synchronized void reschedule(Entry e) {
        if (!e.stopped) {
            wheel().schedule(e, e.next);
        }
    }

    private CheckResult check(Entry e) throws InterruptedException {
        CheckTarget target = e.job.target();
        CheckType type = target.settings().type();
        if (type.kind() == CheckType.Kind.COMBINED && e.connectRoundsLeft > 0) {
            CheckResult result = checks.connect(target);
            e.connectRoundsLeft = result.up() ? e.connectRoundsLeft - 1 : 0;
            return result;
        }
        CheckResult result = checks.run(target);
        if (type.kind() == CheckType.Kind.COMBINED && result.up()) {
            e.connectRoundsLeft = type.connectRounds();
        }
        return result;
    }

    /** Stops every job; jobs started afterwards run again. */
    @Override
    public void close() {
        for (String id : Map.copyOf(entries).keySet()) {
            stop(id);
        }
        for (Deque<Entry> queue : waiting) {
            queue.clear();
        }
        synchronized (this) {
            if (wheel != null) {
                wheel.close();
                wheel = null;
            }
            if (loops != null) {
                for (HttpEventLoop l : loops) {
                    l.close();
                }
                loops = null;
            }
            if (results != null) {
                results.shutdown(); // what is queued still runs, and finds its job stopped
                results = null;
            }
        }
    }
}
