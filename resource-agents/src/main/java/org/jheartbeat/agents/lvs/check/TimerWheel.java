package org.jheartbeat.agents.lvs.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hashed timer wheel with 1 ms ticks on one platform thread: hands each scheduled item to
 * {@code fire} at (or within a tick after) its due time. Tens of thousands of pending items cost
 * one small record each, instead of a parked thread with a stack and a timer per item; adding is
 * lock-free from any thread. {@code fire} runs on the wheel's thread and must return quickly
 * (start a thread, do not work there).
 */
final class TimerWheel<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TimerWheel.class);
    private static final long TICK_NANOS = 1_000_000;
    private static final int SLOTS = 2048; // a power of two; ~2 s per turn

    private record Timeout<T>(T item, long dueTick) {
    }

    private final Consumer<T> fire;
    private final long origin = System.nanoTime();
    private final ConcurrentLinkedQueue<Timeout<T>> incoming = new ConcurrentLinkedQueue<>();
    private final List<ArrayDeque<Timeout<T>>> slots = new ArrayList<>(SLOTS);
    private final Thread thread;
    private volatile boolean closed;
    /** The last tick whose slot was processed; only the wheel's thread writes it. */
    private long processedTick = -1;

    TimerWheel(String name, Consumer<T> fire) {
        this.fire = fire;
        for (int i = 0; i < SLOTS; i++) {
            slots.add(new ArrayDeque<>());
        }
        thread = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    /** Fires {@code item} once, when {@link System#nanoTime()} reaches {@code dueNanos}. */
    void schedule(T item, long dueNanos) {
        long delta = dueNanos - origin;
        incoming.add(new Timeout<>(item, delta <= 0 ? 0 : (delta + TICK_NANOS - 1) / TICK_NANOS));
    }

    private void run() {
        while (!closed) {
            long now = (System.nanoTime() - origin) / TICK_NANOS;
            for (Timeout<T> t = incoming.poll(); t != null; t = incoming.poll()) {
                // Anything due in a tick already processed goes to the next one processed.
                long tick = Math.max(t.dueTick(), processedTick + 1);
                slots.get((int) (tick & (SLOTS - 1))).add(t);
            }
            while (processedTick < now && !closed) {
                processedTick++;
                ArrayDeque<Timeout<T>> slot = slots.get((int) (processedTick & (SLOTS - 1)));
                for (int n = slot.size(); n > 0; n--) {
                    Timeout<T> t = slot.poll();
                    if (t.dueTick() <= processedTick) {
                        fire(t.item());
                    } else {
                        slot.add(t); // due in a later turn of the wheel
                    }
                }
            }
            long nextTick = origin + (processedTick + 1) * TICK_NANOS;
            LockSupport.parkNanos(nextTick - System.nanoTime());
        }
    }

    private void fire(T item) {
        try {
            fire.accept(item);
        } catch (RuntimeException e) {
            // The wheel must keep turning for every other item.
            LOG.error("timer {} could not fire {}: {}", thread.getName(), item, e.toString(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
