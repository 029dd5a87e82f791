package org.jheartbeat.core.config;

import static org.jheartbeat.core.config.HaCfTesting.parse;
import static org.jheartbeat.core.config.HaCfTesting.parseWithValid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ha.cf lexical rules: comments, white space, the three line styles, names, the udp alias. */
class HaCfLexicalTest {

    @Test
    void commentsStartAnywhereAndBlankLinesAreIgnored() {
        var r = parse(
                "# ha.cf for the directors",
                "",
                "   \t  ",
                "\t# indented comment",
                "node loadb1 # the first director",
                "node loadb2#glued comment",
                "bcast eth0 # heartbeat on the LAN",
                "keepalive 2 # seconds",
                "deadtime 10#",
                "auto_failback on",
                "logfacility local0 # syslog");
        r.assertClean();
        assertEquals(List.of("loadb1", "loadb2"), r.cf().nodes());
        assertEquals(Duration.ofSeconds(2), r.cf().timers().keepalive());
        assertEquals(Duration.ofSeconds(10), r.cf().timers().deadtime());
    }

    @Test
    void valuesAreSplitAtCommasSpacesTabsAndFormFeeds() {
        var r = parse("node a,b\tc , d,,e\ff", "bcast eth0,eth1 eth2", "auto_failback on", "logfacility daemon");
        r.assertClean();
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), r.cf().nodes());
        assertEquals(List.of("eth0", "eth1", "eth2"), r.cf().media().stream().map(Medium::interfaceName).toList());
    }

    @Test
    void leadingDelimitersAfterTheNameAreSkipped() {
        var r = parse("node ,,loadb1", "bcast ,eth0", "auto_failback\t,on", "logfacility local0");
        r.assertClean();
        assertEquals(List.of("loadb1"), r.cf().nodes());
    }

    @Test
    void aDirectiveNameEndsOnlyAtWhiteSpace() {
        parseWithValid("keepalive,2").assertError(5, "Illegal directive [keepalive,2]");
    }

    @Test
    void everyValueOfAnOptionListIsAppliedAndTheLastWins() {
        var r = parseWithValid("keepalive 2 3", "deadtime 30,40");
        r.assertClean();
        assertEquals(Duration.ofSeconds(3), r.cf().timers().keepalive());
        assertEquals(Duration.ofSeconds(40), r.cf().timers().deadtime());
        assertEquals("3", r.cf().parameters().get("keepalive"));
        assertEquals("40", r.cf().parameters().get("deadtime"));
    }

    @Test
    void carriageReturnAndLineFeedEndTheLine() {
        var r = parseWithValid("keepalive 2\r", "deadtime 12\rdeadtime 99", "warntime 7\n8");
        r.assertClean();
        assertEquals(Duration.ofSeconds(12), r.cf().timers().deadtime());
        assertEquals(Duration.ofSeconds(7), r.cf().timers().warntime());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Keepalive 2|Illegal directive [Keepalive]; did you mean keepalive?",
            "KEEPALIVE 2|Illegal directive [KEEPALIVE]; did you mean keepalive?",
            "deadtim 10|Illegal directive [deadtim]; did you mean deadtime?",
            "nodes a|Illegal directive [nodes]; did you mean node?",
            "auto-failback on|Illegal directive [auto-failback]; did you mean auto_failback?",
            "normalpoll true|Illegal directive [normalpoll]",
            "hbaping eth0|Illegal directive [hbaping]",
            "tipc x|Illegal directive [tipc]",
            "rds x|Illegal directive [rds]"})
    void unknownDirectivesAreErrorsWithAHint(String line, String message) {
        var r = parseWithValid(line);
        r.assertProblemCount(1);
        Problem p = r.only(message);
        assertEquals(5, p.line());
        assertEquals(message, p.message());
    }

    @Test
    void parsingGoesOnAfterAnError() {
        var r = parse("bogus 1", "node loadb1 loadb2", "Keepalive 2", "bcast eth0", "deadtim 5", "auto_failback on",
                "logfacility local0");
        r.assertProblemCount(3);
        r.assertError(1, "Illegal directive [bogus]");
        r.assertError(3, "Illegal directive [Keepalive]");
        r.assertError(5, "Illegal directive [deadtim]");
        assertEquals(List.of("loadb1", "loadb2"), r.cf().nodes());
        assertEquals(1, r.cf().media().size());
    }

    @Test
    void udpIsRewrittenToBcastWithAWarning() {
        var r = parse("node loadb1 loadb2", "udp eth1", "auto_failback on", "logfacility local0");
        r.assertProblemCount(1).assertWarning(2, "directive 'udp' replaced by 'bcast'");
        assertEquals(List.of(new BcastMedium("eth1", 694, 2)), r.cf().media());
    }

    @Test
    void aDirectiveWithoutValueHasNoEffect() {
        var r = parseWithValid("keepalive", "node");
        r.assertWarning(5, "keepalive has no value").assertWarning(6, "node has no value");
        assertEquals(Duration.ofSeconds(1), r.cf().timers().keepalive());
    }

    @Test
    void wholeLineDirectivesGetTheRestOfTheLineUnsplit() {
        var r = parseWithValid("respawn root /usr/local/bin/notify-admin --to ops,dev  --quiet # comment");
        r.assertClean();
        assertEquals(List.of(new RespawnClient("root", "/usr/local/bin/notify-admin",
                        List.of("--to", "ops,dev", "--quiet"), 5)),
                r.cf().respawnClients());
    }

    @Test
    void nonAsciiTextIsJustText() {
        var r = parseWithValid("node n\u00f6de", "d\u00e9adtime 10");
        r.assertProblemCount(1).assertError(6, "Illegal directive [d\u00e9adtime]; did you mean deadtime?");
        assertEquals(List.of("loadb1", "loadb2", "n\u00f6de"), r.cf().nodes());
    }

    @Test
    void controlCharactersInQuotedValuesAreShownAsQuestionMarks() {
        parseWithValid("bo\u0001gus 1").assertError(5, "Illegal directive [bo?gus]");
    }

    @Test
    void linesWithNulBytesAreRefused() {
        var r = parseWithValid("debugfile /var/log/ha\0debug", "keepalive 2");
        r.assertProblemCount(1).assertError(5, "line contains a NUL byte");
        assertEquals(java.util.Optional.empty(), r.cf().logging().debugfile());
        assertEquals(Duration.ofSeconds(2), r.cf().timers().keepalive());
    }

    @Test
    void longLinesAreRefusedAsHeartbeatsBufferWouldCutThem() {
        var r = parseWithValid("node " + "x".repeat(HaCfParser.MAX_LINE_BYTES));
        r.assertProblemCount(1).assertError(5, "line is longer than 5120 bytes");
        var multiByte = parseWithValid("node " + "\u00e9".repeat(2600));
        multiByte.assertError(5, "line is longer than 5120 bytes");
    }
}
