package org.jheartbeat.agents.lvs.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jheartbeat.core.config.Problem;

/** Writes ldirectord.cf files for tests and parses them as the daemon would. */
final class ConfigFiles {

    static final LdirectordConfigParser.Options OPTIONS =
            new LdirectordConfigParser.Options(NameResolver.numericOnly(), "director1.example.com");

    private ConfigFiles() {
    }

    static LdirectordConfigParser.Result parse(Path dir, String... lines) {
        Path file = dir.resolve("ldirectord.cf");
        try {
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LdirectordConfigParser.parse(file, OPTIONS);
    }

    static LdirectordConfig valid(Path dir, String... lines) {
        LdirectordConfigParser.Result r = parse(dir, lines);
        if (!r.valid()) {
            throw new AssertionError("expected a valid file, got " + r.problems());
        }
        return r.config().orElseThrow();
    }

    /** {@code LINE: error: MESSAGE} for each problem, without the file name. */
    static List<String> problems(LdirectordConfigParser.Result r) {
        return r.problems().stream().map(ConfigFiles::brief).toList();
    }

    static String brief(Problem p) {
        return p.line() + ": " + p.severity().word() + ": " + p.message();
    }
}
