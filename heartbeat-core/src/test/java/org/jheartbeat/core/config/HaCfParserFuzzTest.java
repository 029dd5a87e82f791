package org.jheartbeat.core.config;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds arbitrary text to the ha.cf parser: it must never throw, always return a model within
 * Heartbeat's limits, and name only lines that exist. Runs for a bounded time in the normal build
 * (see the pom) and longer with {@code -Dfuzz.seconds=N}; the seeds next to this class start it
 * from real configurations.
 */
class HaCfParserFuzzTest {

    /** Entries are libFuzzer dictionary strings: control characters are written as \\xNN escapes. */
    @FuzzTest
    @DictionaryEntries({"node ", "keepalive ", "deadtime ", "warntime ", "initdead ", "deadping ", "udpport ",
            "bcast ", "mcast ", "ucast ", "mcast6 ", "ucast6 ", "serial ", "baud ", "ping ", "ping6 ", "ping_group ",
            "auto_failback ", "nice_failback ", "crm ", "pacemaker ", "crm_daemon_dir ", "autojoin ", "respawn ",
            "failfast ", "apiauth ", "uid=", "gid=", "env ", "logfacility ", "logfile ", "debugfile ", "use_logd ",
            "debug ", "watchdog ", "stonith_host ", "udp ", "ms", "us", "usec", "legacy", "on", "off", "#", ",",
            "\\x09", "\\x0d", "\\x0a", "239.0.0.1", "10.0.0.2", "/usr/lib/heartbeat/ipfail", "hacluster", "eth0"})
    void neverThrowsAndReportsLinesInsideTheFile(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        List<ConfigLine> lines = new ArrayList<>();
        int number = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            lines.add(new ConfigLine(++number, text.substring(start, end)));
            start = end + 1;
        }
        Problems problems = new Problems();
        HaCf cf = HaCfParser.parse(new ConfigText(HaCfTesting.FILE, lines), problems, HaCfTesting.HOST);

        assertNotNull(cf);
        int lastLine = number;
        for (Problem p : problems.list()) {
            assertTrue(p.line() >= 0 && p.line() <= lastLine, () -> "line out of the file: " + p);
            assertTrue(p.message().length() < 1000, () -> "message too long: " + p.message().length());
        }
        assertTrue(problems.list().size() <= HaCfReporter.MAX_PER_FILE + 1);
        assertTrue(cf.media().size() <= HaCfState.MAX_MEDIA);
        assertTrue(cf.nodes().size() + cf.pingTargets().size() <= HaCfState.MAX_NODES);
        assertTrue(cf.nodes().stream().allMatch(n -> n.equals(Ascii.lower(n))));
        assertTrue(!cf.timers().deadtime().isNegative() && cf.timers().keepalive().isPositive());
    }
}
