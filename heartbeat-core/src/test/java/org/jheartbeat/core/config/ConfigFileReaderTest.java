package org.jheartbeat.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limits that keep a hostile file from costing more than a bounded amount of memory. */
class ConfigFileReaderTest {

    @TempDir
    Path dir;

    @Test
    void fileOfMillionsOfEmptyLinesIsRefused() throws IOException {
        Path file = dir.resolve("ha.cf");
        Files.write(file, "\n".repeat(ConfigFileReader.MAX_LINES + 1).getBytes());
        Problems problems = new Problems();

        Optional<ConfigText> text = new ConfigFileReader(100).read(file, problems);

        assertTrue(text.isEmpty());
        assertEquals(List.of(new Problem(Severity.ERROR, file, 0, "has more than " + ConfigFileReader.MAX_LINES
                + " lines; this is not a configuration file")), problems.list());
    }

    @Test
    void fileAboveTheReadersLimitIsRefusedUnread() throws IOException {
        Path file = dir.resolve("authkeys");
        Files.writeString(file, "x".repeat(2000));
        Problems problems = new Problems();

        Optional<ConfigText> text = new ConfigFileReader(100, 1000).read(file, problems);

        assertTrue(text.isEmpty());
        assertEquals("is 2000 bytes long; files above 1000 bytes are refused", problems.list().getFirst().message());
    }

    @Test
    void linesKeepTheirNumbersAroundSkippedOnes() throws IOException {
        Path file = dir.resolve("haresources");
        Files.writeString(file, "a\r\n\n" + "y".repeat(200) + "\nlast");
        Problems problems = new Problems();

        ConfigText text = new ConfigFileReader(100).read(file, problems).orElseThrow();

        assertEquals(List.of(new ConfigLine(1, "a"), new ConfigLine(2, ""), new ConfigLine(4, "last")), text.lines());
        assertEquals(3, problems.list().getFirst().line());
    }
}
