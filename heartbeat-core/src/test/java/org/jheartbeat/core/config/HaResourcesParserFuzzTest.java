package org.jheartbeat.core.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arbitrary text never makes the haresources parser throw, and what it reports stays inside
 * the file. Runs the seeds in a normal build and fuzzes when Jazzer's fuzzing mode is on.
 */
class HaResourcesParserFuzzTest {

    private static final Path FILE = Path.of("haresources");

    @FuzzTest
    void anyTextParsesWithProblemsInsideTheFile(FuzzedDataProvider data) {
        // Some lines may be missing, as when the file reader refused them (NUL, too long).
        int dropEvery = data.consumeInt(0, 7);
        String content = data.consumeRemainingAsString();
        int lines = ConfigTexts.lineCount(content);
        Problems problems = new Problems();

        HaResources resources = HaResourcesParser.parse(
                ConfigTexts.of(FILE, content, number -> dropEvery > 0 && number % dropEvery == 0), problems);

        ConfigTexts.assertProblemsWithin(FILE, lines, problems);
        Set<String> keys = new HashSet<>();
        for (ResourceGroup group : resources.groups()) {
            assertTrue(group.line() >= 1 && group.line() <= lines, group::toString);
            assertTrue(keys.add(group.key().token()), () -> "duplicate key in " + group);
            assertFalse(group.homeNode().isEmpty());
            for (ResourceSpec resource : group.resources()) {
                assertFalse(resource.token().isEmpty() || resource.token().contains(" ")
                        || resource.token().contains("\t") || resource.agentName().isBlank(), resource::toString);
                assertFalse(resource.arguments().contains(""), resource::toString);
            }
        }
    }
}
