package org.jheartbeat.core.membership;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    private final ReplayGuard guard = new ReplayGuard();

    @Test
    void acceptsIncreasingCountersAndRejectsDuplicates() {
        assertTrue(guard.accept("x2", 100, 1));
        assertTrue(guard.accept("x2", 100, 2));
        assertFalse(guard.accept("x2", 100, 2));
        assertFalse(guard.accept("x2", 100, 1));
    }

    @Test
    void acceptsReorderedPacketsInsideTheWindowOnce() {
        assertTrue(guard.accept("x2", 100, 10));
        assertTrue(guard.accept("x2", 100, 8));
        assertFalse(guard.accept("x2", 100, 8));
        assertTrue(guard.accept("x2", 100, 9));
    }

    @Test
    void rejectsPacketsOlderThanTheWindow() {
        assertTrue(guard.accept("x2", 100, 1000));
        assertFalse(guard.accept("x2", 100, 1000 - ReplayGuard.WINDOW));
        assertTrue(guard.accept("x2", 100, 1000 - ReplayGuard.WINDOW + 1));
    }

    @Test
    void aNewIncarnationRestartsCountingAndOldIncarnationsAreRejected() {
        assertTrue(guard.accept("x2", 100, 500));
        assertTrue(guard.accept("x2", 200, 1));
        assertFalse(guard.accept("x2", 100, 501));
        assertTrue(guard.accept("x2", 200, 2));
    }

    @Test
    void nodesAreTrackedSeparately() {
        assertTrue(guard.accept("x2", 100, 5));
        assertTrue(guard.accept("x3", 100, 5));
        assertFalse(guard.accept("x3", 100, 5));
    }

    @Test
    void theNextPersistedGenerationIsARestartEvenAfterManyPackets() {
        // generations come from hb_generation: consecutive small numbers, counters restart at 1
        assertTrue(guard.accept("x2", 41, 1_000_000));
        assertTrue(guard.accept("x2", 42, 1));
        assertFalse(guard.accept("x2", 41, 1_000_001), "a packet of the previous run is a replay");
        assertFalse(guard.accept("x2", 42, 1), "so is a copy of the new run's first packet");
        assertTrue(guard.accept("x2", 42, 2));
    }
}
