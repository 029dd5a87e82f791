package org.jheartbeat.core.config;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Assertions on collected problems that print all of them when they fail. */
final class ProblemAssertions {

    private ProblemAssertions() {
    }

    static void assertNoProblems(Problems problems) {
        assertEquals(List.of(), problems.list(), "expected no problems");
    }

    /** The one problem of this severity on this line whose message contains every fragment. */
    static Problem assertProblem(Problems problems, Severity severity, int line, String... fragments) {
        List<Problem> matching = problems.list().stream()
                .filter(p -> p.severity() == severity && p.line() == line)
                .filter(p -> java.util.Arrays.stream(fragments).allMatch(p.message()::contains))
                .toList();
        if (matching.size() != 1) {
            fail("expected exactly one " + severity.word() + " on line " + line + " containing "
                    + List.of(fragments) + ", found " + matching.size() + " among:\n" + format(problems));
        }
        return matching.getFirst();
    }

    static void assertProblemCount(Problems problems, int errors, int warnings) {
        long e = problems.list().stream().filter(Problem::isError).count();
        long w = problems.list().size() - e;
        if (e != errors || w != warnings) {
            fail("expected " + errors + " errors and " + warnings + " warnings, found " + e + " and " + w
                    + ":\n" + format(problems));
        }
    }

    static String format(Problems problems) {
        StringBuilder text = new StringBuilder();
        problems.list().forEach(p -> text.append("  ").append(p.format()).append('\n'));
        return text.toString();
    }
}
