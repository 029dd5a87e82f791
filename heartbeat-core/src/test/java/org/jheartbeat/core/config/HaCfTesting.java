package org.jheartbeat.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses ha.cf text against a described machine and inspects the outcome. */
final class HaCfTesting {

    static final Path FILE = Path.of("/etc/ha.d/ha.cf");

    /** A machine with the usual accounts, no ha-cluster service entry and two programs. */
    static final HostDatabase HOST = HostDatabase.of(
            Set.of("root", "hacluster", "nobody", "daemon"),
            Set.of("root", "haclient", "adm"),
            Map.of("syslog", 514, "snmp", 161),
            Set.of("/usr/local/bin/notify-admin", "/usr/lib/heartbeat/ipfail"));

    /** Lines that make a valid configuration without any problem, to put other lines next to. */
    static final List<String> VALID = List.of(
            "node loadb1 loadb2",
            "bcast eth0",
            "auto_failback on",
            "logfacility local0");

    private HaCfTesting() {
    }

    record Result(HaCf cf, List<Problem> problems) {

        List<Problem> errors() {
            return problems.stream().filter(Problem::isError).toList();
        }

        List<Problem> warnings() {
            return problems.stream().filter(p -> !p.isError()).toList();
        }

        /** The one problem whose message contains the text; fails when there is not exactly one. */
        Problem only(String text) {
            List<Problem> matching = problems.stream().filter(p -> p.message().contains(text)).toList();
            assertEquals(1, matching.size(), () -> "problems containing [" + text + "]: " + problems);
            return matching.getFirst();
        }

        Result assertError(int line, String text) {
            Problem p = only(text);
            assertTrue(p.isError(), () -> "expected an error: " + p);
            assertEquals(line, p.line(), () -> "line of " + p);
            return this;
        }

        Result assertWarning(int line, String text) {
            Problem p = only(text);
            assertTrue(!p.isError(), () -> "expected a warning: " + p);
            assertEquals(line, p.line(), () -> "line of " + p);
            return this;
        }

        Result assertClean() {
            assertEquals(List.of(), problems, "problems");
            return this;
        }

        Result assertProblemCount(int count) {
            assertEquals(count, problems.size(), () -> "problems: " + problems);
            return this;
        }
    }

    /** Parses exactly these lines (line 1 is the first). */
    static Result parse(String... lines) {
        return parse(HOST, lines);
    }

    static Result parse(HostDatabase host, String... lines) {
        List<ConfigLine> configLines = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            configLines.add(new ConfigLine(i + 1, lines[i]));
        }
        Problems problems = new Problems();
        HaCf cf = HaCfParser.parse(new ConfigText(FILE, configLines), problems, host);
        problems.list().forEach(p -> assertEquals(FILE, p.file()));
        return new Result(cf, problems.list());
    }

    /** The {@link #VALID} lines followed by these; the extra lines start at line 5. */
    static Result parseWithValid(String... extra) {
        List<String> all = new ArrayList<>(VALID);
        all.addAll(List.of(extra));
        return parse(all.toArray(String[]::new));
    }
}
