package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** cl_status's option reading, GNU getopt style. */
class GetOptTest {

    private static GetOpt parse(String spec, String... words) {
        return GetOpt.parse("sub", List.of(words), spec);
    }

    @Test
    void optionsMayComeAnywhereAndGroup() {
        GetOpt o = parse("mpnv", "-n", "x1", "-mv", "x2");
        assertEquals(Map.of('n', "", 'm', "", 'v', ""), o.flags());
        assertEquals(List.of("x1", "x2"), o.operands());
        assertEquals(List.of(), o.problems());
    }

    @Test
    void anArgumentIsAttachedOrTheNextWord() {
        assertEquals("deadtime", parse("mp:", "-pdeadtime").value('p'));
        assertEquals("deadtime", parse("mp:", "-m", "-p", "deadtime").value('p'));
        assertEquals("-m", parse("mp:", "-p", "-m").value('p'));
        assertEquals(List.of("sub: option requires an argument -- 'p'"), parse("mp:", "-m", "-p").problems());
    }

    @Test
    void unknownLettersAreComplainedAboutAndDoubleDashEndsOptions() {
        GetOpt o = parse("m", "-mx", "--", "-v", "node");
        assertEquals(List.of("sub: invalid option -- 'x'"), o.problems());
        assertEquals(List.of("-v", "node"), o.operands());
        assertEquals(List.of("-"), parse("m", "-").operands());
        assertEquals(List.of("sub: invalid option -- ':'"), parse("mp:", "-:").problems());
    }

    @Test
    void clientTimeoutsAreReadLikeAtoi() {
        assertEquals(3000, ClStatusQueries.leadingInt("3000"));
        assertEquals(250, ClStatusQueries.leadingInt("250ms"));
        assertEquals(0, ClStatusQueries.leadingInt("soon"));
        assertEquals(-5, ClStatusQueries.leadingInt("-5"));
        assertEquals(Integer.MAX_VALUE, ClStatusQueries.leadingInt("99999999999999"));
    }
}
