package org.jheartbeat.agents.lvs.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class CheckSlotTest {

    @Test
    void aFewRealsAreAllCheckedAtOnceAndLaterSpreadOverTheInterval() {
        Duration interval = Duration.ofSeconds(15);
        assertEquals(new CheckSlot(Duration.ZERO, Duration.ZERO), CheckSlot.of(0, 2, interval));
        assertEquals(new CheckSlot(Duration.ofMillis(1), Duration.ofMillis(7500)), CheckSlot.of(1, 2, interval));
    }

    @Test
    void manyRealsKeepTheirPlaceInTheIntervalWhenItLeavesLessThanAMillisecondEach() {
        Duration interval = Duration.ofSeconds(1);
        CheckSlot slot = CheckSlot.of(5000, 10_000, interval);
        assertEquals(Duration.ofMillis(500), slot.phase());
        assertEquals(slot.phase(), slot.first());
    }

    @Test
    void theFirstCheckCannotComeAfterThePhase() {
        assertThrows(IllegalArgumentException.class, () -> new CheckSlot(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new CheckSlot(Duration.ofMillis(-1), Duration.ZERO));
    }
}
