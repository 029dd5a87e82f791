package org.jheartbeat.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeartbeatTimeTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
            "1, 1000", "0, 0", "10, 10000", "120, 120000", "0.1, 100", ".5, 500", "2., 2000",
            "1.5, 1500", "0.001, 1", "0.0004, 0", "0.0005, 1",
            "1000ms, 1000", "500ms, 500", "500MS, 500", "500Ms, 500", "2.5ms, 3", "2.4ms, 2", "500msec, 500",
            "1000000us, 1000", "1000us, 1", "499us, 0", "500us, 1", "501us, 1", "1500USEC, 2", "1500usec, 2",
            "2147483647ms, 2147483647", "0ms, 0"})
    void acceptsWhatClGetMsecAccepts(String text, long millis) {
        assertEquals(OptionalLong.of(millis), HeartbeatTime.parseMillis(text));
    }

    @ParameterizedTest(name = "[{0}] is invalid")
    @ValueSource(strings = {"", "ms", ".", "..", "-1", "+1", "1s", "10sec", "1m", "1h", "1.2.3", "5msx", "abc",
            "1 ms", "1,5", "0x10", "1e3", "2147483648ms", "99999999999999999999999999999999999999999999999",
            "1000000000000", "１０"})
    void refusesEverythingElse(String text) {
        assertTrue(HeartbeatTime.parseMillis(text).isEmpty(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ms", "MS", "msec", "us", "usec", "s", "sec"})
    void recognisesUnitsWrittenApart(String word) {
        assertTrue(HeartbeatTime.isBareUnit(word));
    }
}
