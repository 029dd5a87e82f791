package org.jheartbeat.core.config;

import static org.jheartbeat.core.config.HaCfTesting.parseWithValid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** keepalive, deadtime, warntime, initdead, deadping: units, defaults and Heartbeat's checks. */
class HaCfTimersTest {

    private static HaCfTesting.Result timers(String lines) {
        return parseWithValid(lines.isEmpty() ? new String[0] : lines.split(";"));
    }

    private static List<Long> millis(Timers t) {
        return List.of(t.keepalive().toMillis(), t.deadtime().toMillis(), t.warntime().toMillis(),
                t.initdead().toMillis(), t.deadping().toMillis());
    }

    /** The consequence table of the spec (§3.1), plus unit variants: exact computed values. */
    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
            "keepalive 1;deadtime 10;warntime 5;initdead 120|1000|10000|5000|120000|10000",
            "keepalive 2;deadtime 10;warntime 10;initdead 20|2000|10000|10000|20000|10000",
            "|1000|30000|15000|30000|30000",
            "keepalive 2;deadtime 5|2000|5000|2500|12000|5000",
            "deadtime 6|1000|6000|3000|12000|6000",
            "deadtime 8|1000|8000|4000|16000|8000",
            "deadtime 10|1000|10000|5000|20000|10000",
            "deadtime 10.001|1000|10001|5000|10001|10001",
            "deadtime 15|1000|15000|7500|15000|15000",
            "keepalive 500ms;deadtime 5000ms|500|5000|2500|12000|5000",
            "keepalive 0.5;deadtime 2.5|500|2500|1250|12000|2500",
            "keepalive 250MS;deadtime 3000000us;warntime 1500msec;initdead 11|250|3000|1500|11000|3000",
            "keepalive 100ms;deadtime 1;deadping 5;initdead 10|100|1000|500|10000|5000",
            "deadtime 31;warntime 0.001|1000|31000|1|31000|31000"})
    void computedTimersMatchHeartbeat(String lines, long keepalive, long deadtime, long warntime, long initdead,
                                      long deadping) {
        var r = timers(lines == null ? "" : lines);
        r.assertClean();
        assertEquals(List.of(keepalive, deadtime, warntime, initdead, deadping), millis(r.cf().timers()));
    }

    @Test
    void computedValuesAreRecordedInMillisecondsAndGivenOnesVerbatim() {
        var r = timers("keepalive 2;deadtime 10");
        var p = r.cf().parameters();
        assertEquals("2", p.get("keepalive"));
        assertEquals("10", p.get("deadtime"));
        assertEquals("5000ms", p.get("warntime"));
        assertEquals("20000ms", p.get("initdead"));
        assertEquals("10000ms", p.get("deadping"));
        var defaults = timers("").cf().parameters();
        assertEquals("1000ms", defaults.get("keepalive"));
        assertEquals("30000ms", defaults.get("deadtime"));
        assertEquals("15000ms", defaults.get("warntime"));
    }

    @Test
    void deadtimeMustExceedTwiceKeepalive() {
        var r = timers("keepalive 1;deadtime 2");
        r.assertProblemCount(1).assertError(6, "Dead time [2000] is too small compared to keeplive [1000]");
        assertEquals(Duration.ofSeconds(2), r.cf().timers().deadtime());
        timers("keepalive 15").assertError(5, "Dead time [30000] is too small compared to keeplive [15000]");
        timers("keepalive 1;deadtime 2001ms").assertClean();
        timers("deadtime 0").assertError(5, "Dead time [0] is too small");
    }

    @Test
    void initdeadMustNotBeSmallerThanDeadtime() {
        var r = timers("deadtime 6;initdead 5");
        r.assertProblemCount(1).assertError(6, "Initial dead time [5000] is smaller than deadtime [6000]");
    }

    @Test
    void aShortInitdeadIsOnlyAWarning() {
        var r = timers("keepalive 1;deadtime 4;initdead 8");
        r.assertProblemCount(1).assertWarning(7, "Initial dead time [8000 ms] may be too small!");
        r.only("It should be >= deadtime and >= 10 seconds");
    }

    @Test
    void deadpingMustExceedTwiceKeepaliveWhenGiven() {
        timers("keepalive 2;deadping 4").assertProblemCount(1)
                .assertError(6, "Ping dead time [4000] is too small compared to keeplive [2000]");
        timers("keepalive 2;deadping 4001ms").assertClean();
    }

    @Test
    void zeroAndInvalidValuesAreRefused() {
        timers("keepalive 0").assertError(5, "Invalid keepalive [0]: keepalive must be greater than 0");
        timers("warntime 0").assertError(5, "Warn time [0] is invalid: warntime must be greater than 0");
        timers("warntime 0.0004").assertError(5, "Warn time [0.0004] is invalid");
        timers("warntime abc").assertError(5, "Warn time [abc] is invalid");
        timers("deadtime -5").assertError(5, "Invalid deadtime [-5]");
        timers("initdead 1m").assertError(5, "Invalid initdead [1m]");
        timers("deadping x").assertError(5, "Invalid deadping [x]");
    }

    @Test
    void aRefusedValueLeavesTheEarlierOneInPlace() {
        var r = timers("deadtime 20;deadtime twenty");
        r.assertProblemCount(1);
        assertEquals(Duration.ofSeconds(20), r.cf().timers().deadtime());
        assertEquals("20", r.cf().parameters().get("deadtime"));
    }

    @Test
    void aUnitWrittenApartIsExplained() {
        var r = timers("keepalive 500 ms;deadtime 10");
        r.assertProblemCount(2);
        r.assertError(5, "Invalid keepalive [ms]");
        assertEquals("Invalid keepalive [ms]: expected seconds (10, 0.5) or a number with ms or us (500ms, 1500us)"
                + " (values are split at blanks: write 500ms, not 500 ms)", r.only("[ms]").message());
        // the 500 was applied as 500 seconds, as Heartbeat does, so deadtime is now too small
        r.assertError(6, "Dead time [10000] is too small compared to keeplive [500000]");
        timers("deadtime 10 s").assertError(5, "write 10, not 10 s");
    }

    @Test
    void aSecondsSuffixIsExplained() {
        timers("deadtime 10s").assertError(5, "Invalid deadtime [10s]: expected seconds (10, 0.5) or a number with"
                + " ms or us (500ms, 1500us) (a plain number means seconds: write 10)");
    }

    @Test
    void valuesLargerThanAboutTwentyFourDaysAreRefused() {
        timers("deadtime 2147484").assertError(5, "Invalid deadtime [2147484]");
        timers("deadtime 2147483;initdead 2147483").assertClean();
    }

    @Test
    void warntimeIsNotCheckedAgainstTheOtherTimers() {
        var r = timers("keepalive 1;deadtime 10;warntime 60");
        r.assertClean();
        assertEquals(Duration.ofSeconds(60), r.cf().timers().warntime());
    }

    @Test
    void manyTimerProblemsAreAllReported() {
        List<String> lines = new ArrayList<>(Arrays.asList("keepalive 3", "deadtime 5", "initdead 4", "deadping 6",
                "warntime -1"));
        var r = parseWithValid(lines.toArray(String[]::new));
        r.assertError(6, "Dead time [5000] is too small compared to keeplive [3000]");
        r.assertError(7, "Initial dead time [4000] is smaller than deadtime [5000]");
        r.assertError(8, "Ping dead time [6000] is too small compared to keeplive [3000]");
        r.assertError(9, "Warn time [-1] is invalid");
        r.assertProblemCount(4);
    }
}
