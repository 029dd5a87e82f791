package org.jheartbeat.core.config;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.jheartbeat.core.config.ProblemAssertions.assertNoProblems;
import static org.jheartbeat.core.config.ProblemAssertions.assertProblem;
import static org.jheartbeat.core.config.ProblemAssertions.assertProblemCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** haresources read from real files, including files built to break a reader. */
class HaResourcesFileTest {

    private static final String TWO_DIRECTORS = """
            # haresources for loadb1/loadb2; the sync daemon follows the VIP
            loadb1 IPaddr2::192.168.0.100/24/eth0/192.168.0.255 \\
                   ldirectord::ldirectord.cf \\
                   LVSSyncDaemonSwap::master\t
            loadb2\t172.26.46.119/24/eth0
            """;

    @TempDir
    Path dir;

    private final Problems problems = new Problems();

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private List<String> homeNodes(HaResources resources) {
        return resources.groups().stream().map(ResourceGroup::homeNode).toList();
    }

    @Test
    void crlfFileReadsTheSameAsLfFile() throws IOException {
        HaResources lf = HaResourcesParser.read(write("lf", TWO_DIRECTORS), problems).orElseThrow();
        HaResources crlf = HaResourcesParser.read(write("crlf", TWO_DIRECTORS.replace("\n", "\r\n")), problems).orElseThrow();

        assertNoProblems(problems);
        assertEquals(lf, crlf);
        assertEquals(3, crlf.groups().getFirst().resources().size());
        assertEquals(List.of(2, 5), crlf.groups().stream().map(ResourceGroup::line).toList());
    }

    @Test
    void tenMegabyteLineIsReportedAndTheRestIsRead() throws IOException {
        Path file = HostileFiles.withTenMegabyteLine(dir, "node1 httpd\n", "node2 squid\n");
        HaResources resources = HaResourcesParser.read(file, problems).orElseThrow();

        assertProblem(problems, Severity.ERROR, 2, "bytes long");
        assertProblemCount(problems, 1, 0);
        assertEquals(List.of("node1", "node2"), homeNodes(resources));
        assertEquals(3, resources.groups().get(1).line());
    }

    @Test
    void nulByteLineIsReportedAndTheRestIsRead() throws IOException {
        Path file = HostileFiles.withNulByte(dir, "node1 httpd", "node2 squid", "node3 mysql");
        HaResources resources = HaResourcesParser.read(file, problems).orElseThrow();

        assertProblem(problems, Severity.ERROR, 2, "NUL");
        assertProblemCount(problems, 1, 0);
        assertEquals(List.of("node1", "node3"), homeNodes(resources));
    }

    @Test
    void invalidUtf8IsReportedAndReadWithReplacementCharacters() throws IOException {
        Path file = HostileFiles.withInvalidUtf8(dir, "node1 httpd\nnode2 sq", "uid\n");
        HaResources resources = HaResourcesParser.read(file, problems).orElseThrow();

        assertProblem(problems, Severity.WARNING, 2, "not valid UTF-8");
        assertEquals("sq\uFFFD\uFFFDuid", resources.groups().get(1).key().token());
    }

    @Test
    void fileFarLargerThanAnyRealOneIsNotRead() throws IOException {
        Path file = dir.resolve("huge");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(HaResourcesParser.MAX_FILE_BYTES + 1);
        }

        assertUnusable(file, "bytes long; files above " + HaResourcesParser.MAX_FILE_BYTES + " bytes are refused");
    }

    @Test
    void missingFileIsUnusable() {
        assertUnusable(HostileFiles.missing(dir), "no such file");
    }

    @Test
    void directoryIsUnusable() throws IOException {
        assertUnusable(HostileFiles.directory(dir), "directory");
    }

    @Test
    void fifoIsRefusedWithoutOpeningIt() throws Exception {
        assertUnusable(HostileFiles.fifo(dir), "not a regular file");
    }

    @Test
    void symlinkLoopIsUnusable() throws IOException {
        assertUnusable(HostileFiles.symlinkLoop(dir), "symbolic link");
    }

    private void assertUnusable(Path file, String reason) {
        Optional<HaResources> resources = HaResourcesParser.read(file, problems);

        assertTrue(resources.isEmpty());
        assertProblem(problems, Severity.ERROR, 0, "Cannot open resources file [" + file + "]", reason);
        assertProblemCount(problems, 1, 0);
    }
}
