package org.jheartbeat.core.config;

import java.nio.file.Path;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arbitrary text never makes the authkeys parser throw, what it reports stays inside the file,
 * and no message or model string shows a key. Every {@code @} of the input becomes a marker
 * key text, so the fuzzer places "keys" everywhere a line may hold one.
 */
class AuthKeysParserFuzzTest {

    private static final Path FILE = Path.of("authkeys");
    private static final String MARKER = "Zq9SECRETvX";

    @FuzzTest
    void anyTextParsesWithoutShowingKeys(FuzzedDataProvider data) {
        int dropEvery = data.consumeInt(0, 7);
        String content = data.consumeRemainingAsString().replace("@", MARKER);
        int lines = ConfigTexts.lineCount(content);
        Problems problems = new Problems();

        AuthKeys keys = AuthKeysParser.parse(
                ConfigTexts.of(FILE, content, number -> dropEvery > 0 && number % dropEvery == 0), problems);

        ConfigTexts.assertProblemsWithin(FILE, lines, problems);
        problems.list().forEach(p -> assertFalse(p.message().contains(MARKER), p::format));
        assertFalse(keys.toString().contains(MARKER), keys::toString);
        assertTrue(!keys.hasActiveKey() || keys.keys().containsKey(keys.activeKeyNumber()));
        assertTrue(keys.hasActiveKey() || problems.hasErrors(), "no active key but no error");
    }
}
