package org.jheartbeat.agents.lvs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jheartbeat.core.config.ConfigLine;
import org.jheartbeat.core.config.ConfigText;
import org.jheartbeat.core.config.Problem;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any text at all: the parser answers with a configuration or with problems naming lines of the
 * file, never with an exception, a hang or an enormous expansion.
 */
class LdirectordConfigParserFuzzTest {

    private static final LdirectordConfigParser.Options OPTIONS =
            new LdirectordConfigParser.Options(NameResolver.numericOnly(), "fuzz.example");

    @FuzzTest
    void anyTextGivesAConfigurationOrProblemsWithLines(FuzzedDataProvider data) {
        List<ConfigLine> lines = new ArrayList<>();
        // Mostly ldirectord-shaped lines so the fuzzer gets past the first directive quickly.
        String[] starts = {"virtual=", "\treal=", "\treal6=", "    ", "\t", "virtual6=", "fallback=", "checktype=",
                "\tchecktype=", "\trequest=\"", "\treceive=\"", "quiescent=", "\tprotocol=", "\tnetmask=", "", "#"};
        int count = data.consumeInt(0, 40);
        for (int i = 1; i <= count; i++) {
            String start = starts[data.consumeInt(0, starts.length - 1)];
            lines.add(new ConfigLine(i, start + data.consumeString(80)));
        }
        ConfigText text = new ConfigText(Path.of("fuzz.cf"), lines);

        LdirectordConfigParser.Result result = LdirectordConfigParser.parse(text, OPTIONS);

        boolean hasErrors = result.problems().stream().anyMatch(Problem::isError);
        assertEquals(!hasErrors, result.valid());
        for (Problem p : result.problems()) {
            assertTrue(p.line() <= count, () -> "problem on a line that does not exist: " + p);
            assertTrue(!p.message().isBlank());
        }
        result.config().ifPresent(c -> {
            int reals = c.virtuals().stream().mapToInt(v -> v.reals().size()).sum();
            assertTrue(reals <= (long) count * ConfigResolver.MAX_RANGE);
            assertTrue(!ConfigSummary.lines(c).isEmpty());
        });
    }
}
