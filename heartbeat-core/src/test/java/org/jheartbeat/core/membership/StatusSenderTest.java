package org.jheartbeat.core.membership;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class StatusSenderTest {

    @Test
    void aFailedRoundDoesNotEndTheHeartbeat() {
        AtomicInteger rounds = new AtomicInteger();
        try (StatusSender sender = new StatusSender("test-sender", 2_000_000L, () -> {
            if (rounds.incrementAndGet() <= 2) {
                throw new IllegalStateException("medium closed");
            }
        }).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() >= 10);
        }
    }

    @Test
    void closingStopsTheRounds() {
        AtomicInteger rounds = new AtomicInteger();
        Thread[] runner = new Thread[1];
        StatusSender sender = new StatusSender("test-sender", 1_000_000L, () -> {
            runner[0] = Thread.currentThread();
            rounds.incrementAndGet();
        }).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() >= 3);
        sender.close();
        assertTrue(!runner[0].isAlive(), "the sender thread has ended");
    }
}
