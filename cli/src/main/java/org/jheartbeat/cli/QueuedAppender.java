package org.jheartbeat.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * The daemon's log lines are formatted and written (log files, syslog, stderr) on a thread of
 * their own, as Heartbeat's logging daemon does it, so a takeover does not wait for them: each
 * line costs tens of microseconds of formatting and write calls, and a takeover logs several
 * before its gratuitous ARP. Nothing is dropped: when the queue is full the logging thread waits.
 * {@link #awaitWritten} is the barrier for whoever must not get ahead of the log: the control
 * socket before it answers (a command's lines are in the log when it returns) and the exit.
 */
final class QueuedAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private static final int CAPACITY = 8192;

    /** Put last by {@link #stop()}: the writer ends when it gets here (an interrupt could break a write). */
    private static final ILoggingEvent END = new LoggingEvent();

    private final List<Appender<ILoggingEvent>> targets;
    private final BlockingQueue<ILoggingEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong queued = new AtomicLong();
    private final Object progress = new Object();
    private long written; // guarded by progress
    private volatile Thread writer;

    QueuedAppender(List<Appender<ILoggingEvent>> targets) {
        this.targets = List.copyOf(targets);
        setName("queued");
    }

    /** The appenders the writer thread hands every event to. */
    List<Appender<ILoggingEvent>> targets() {
        return targets;
    }

    @Override
    public void start() {
        // A platform thread: it blocks in file and socket writes, which would pin a virtual one anyway.
        writer = Thread.ofPlatform().name("log-writer").daemon().start(this::write);
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (Thread.currentThread() == writer) {
            // logged while writing (a target that logs its own trouble): queueing could wait for itself
            writeNow(event);
            return;
        }
        // the message, thread name and MDC are taken now, not when the writer gets to the event
        event.prepareForDeferredProcessing();
        if (!queue.offer(event)) {
            putUninterruptibly(event);
        }
        queued.incrementAndGet();
    }

    /**
     * Waits for room in the queue even in an interrupted thread (an action being cancelled still
     * gets its last lines written), and leaves the interrupt as it found it.
     */
    private void putUninterruptibly(ILoggingEvent event) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(event);
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the exception cleared it: the next put waits
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void write() {
        List<ILoggingEvent> batch = new ArrayList<>();
        boolean ended = false;
        while (!ended) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch);
            for (ILoggingEvent event : batch) {
                if (event == END) {
                    ended = true;
                    break;
                }
                writeNow(event);
            }
            synchronized (progress) {
                written += batch.size();
                progress.notifyAll();
            }
            batch.clear();
        }
    }

    private void writeNow(ILoggingEvent event) {
        for (Appender<ILoggingEvent> target : targets) {
            target.doAppend(event);
        }
    }

    /**
     * Waits until every event logged before this call is written, or {@code atMost} passed.
     *
     * @return whether they are written
     */
    boolean awaitWritten(Duration atMost) {
        long target = queued.get();
        long deadline = System.nanoTime() + atMost.toNanos();
        synchronized (progress) {
            while (written < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    progress.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop(); // events logged from now on are ignored, as by any stopped appender
        try {
            queue.put(END);
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        targets.forEach(Appender::stop);
    }
}
