package org.jheartbeat.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading ha.cf from disk, including files that are unusable or hostile. */
class HaCfReadTest {

    @TempDir
    Path dir;

    private static final String VALID = "node loadb1 loadb2\nbcast eth0\nauto_failback on\nlogfacility local0\n";

    private record Outcome(Optional<HaCf> cf, List<Problem> problems) {
    }

    private Outcome read(Path file) {
        Problems problems = new Problems();
        Optional<HaCf> cf = HaCfParser.read(file, problems, HaCfTesting.HOST);
        return new Outcome(cf, problems.list());
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void aValidFile() throws IOException {
        var o = read(write("ha.cf", VALID.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), o.problems());
        assertEquals(List.of("loadb1", "loadb2"), o.cf().orElseThrow().nodes());
    }

    @Test
    void thePublicEntryPointsUseThisMachine() throws IOException {
        Path file = write("ha.cf", (VALID + "respawn root /bin/sh -c true\nrespawn no-such-user-xyz /bin/sh\n")
                .getBytes(StandardCharsets.UTF_8));
        Problems problems = new Problems();
        HaCf cf = HaCfParser.read(file, problems).orElseThrow();
        assertEquals(1, problems.list().size(), problems.list()::toString);
        assertEquals(file + ":6: error: Invalid uid [no-such-user-xyz] specified for client child: no such user in"
                + " /etc/passwd", problems.list().getFirst().format());
        assertEquals(List.of(new RespawnClient("root", "/bin/sh", List.of("-c", "true"), 5)), cf.respawnClients());
        Problems again = new Problems();
        HaCfParser.parse(new ConfigText(file, List.of(new ConfigLine(1, "bcast eth0"),
                new ConfigLine(2, "auto_failback on"))), again);
        assertEquals(List.of("no nodes defined"),
                again.list().stream().map(p -> p.message().substring(0, 16)).toList());
    }

    @Test
    void windowsLineEndings() throws IOException {
        var o = read(write("ha.cf", VALID.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), o.problems());
        assertEquals(List.of(new BcastMedium("eth0", 694, 2)), o.cf().orElseThrow().media());
    }

    @Test
    void aMissingFile() {
        var o = read(dir.resolve("ha.cf"));
        assertTrue(o.cf().isEmpty());
        assertEquals(1, o.problems().size());
        assertEquals(0, o.problems().getFirst().line());
        assertTrue(o.problems().getFirst().message().contains("no such file"), o.problems().toString());
    }

    @Test
    void aDirectory() throws IOException {
        var o = read(Files.createDirectory(dir.resolve("ha.cf")));
        assertTrue(o.cf().isEmpty());
        assertTrue(o.problems().getFirst().message().contains("is a directory"));
    }

    @Test
    void aFifoDoesNotBlock() throws Exception {
        Path fifo = dir.resolve("ha.cf");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        var o = read(fifo);
        assertTrue(o.cf().isEmpty());
        assertTrue(o.problems().getFirst().message().contains("not a regular file"));
    }

    @Test
    void aSymlinkLoop() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        var o = read(a);
        assertTrue(o.cf().isEmpty());
        assertEquals(1, o.problems().size());
        assertTrue(o.problems().getFirst().isError());
    }

    @Test
    void aTenMegabyteLineIsSkippedAndTheRestRead() throws IOException {
        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'n');
        String before = "node loadb1 loadb2\nbcast eth0\n";
        String after = "\nauto_failback on\nlogfacility local0\n";
        Path file = dir.resolve("ha.cf");
        Files.write(file, concat(before.getBytes(StandardCharsets.US_ASCII), huge,
                after.getBytes(StandardCharsets.US_ASCII)));
        var o = read(file);
        assertEquals(1, o.problems().size(), o.problems()::toString);
        assertEquals(3, o.problems().getFirst().line());
        assertTrue(o.problems().getFirst().message().contains("at most 5120"));
        assertEquals(AutoFailback.ON, o.cf().orElseThrow().autoFailback());
    }

    @Test
    void nulBytesAndInvalidUtf8() throws IOException {
        byte[] content = concat("node loadb1 loadb2\nbcast eth0\0\nkeepalive 2\n".getBytes(StandardCharsets.US_ASCII),
                new byte[] {'n', 'o', 'd', 'e', ' ', (byte) 0xff, (byte) 0xfe, '\n'},
                "auto_failback on\nlogfacility local0\n".getBytes(StandardCharsets.US_ASCII));
        var o = read(write("ha.cf", content));
        assertEquals(List.of(2, 4, 0), o.problems().stream().map(Problem::line).toList(), o.problems()::toString);
        assertTrue(o.problems().get(0).message().contains("NUL byte"));
        assertTrue(o.problems().get(1).message().contains("not valid UTF-8"));
        assertTrue(o.problems().get(2).message().contains("No heartbeat media defined"));
        assertEquals(List.of("loadb1", "loadb2", "\ufffd\ufffd"), o.cf().orElseThrow().nodes());
    }

    @Test
    void anEmptyFile() throws IOException {
        var o = read(write("ha.cf", new byte[0]));
        assertTrue(o.cf().isPresent());
        List<String> messages = o.problems().stream().map(Problem::message).toList();
        assertEquals(3, messages.size(), messages::toString);
        assertTrue(messages.get(0).startsWith("No heartbeat media defined"));
        assertTrue(messages.get(1).startsWith("no nodes defined"));
        assertTrue(messages.get(2).startsWith("Deprecated 'legacy' auto_failback option selected."));
    }

    @Test
    void problemsNameTheFile() throws IOException {
        Path file = write("ha.cf", (VALID + "bogus 1\n").getBytes(StandardCharsets.UTF_8));
        var o = read(file);
        assertEquals(file + ":5: error: Illegal directive [bogus]", o.problems().getFirst().format());
    }

    @Test
    void aFloodOfBadLinesIsCutShort() throws IOException {
        String line = ("keepalive" + " x".repeat(2000)) + "\n";
        var o = read(write("ha.cf", (VALID + line.repeat(100)).getBytes(StandardCharsets.US_ASCII)));
        assertEquals(HaCfReporter.MAX_PER_FILE + 1, o.problems().size());
        assertTrue(o.problems().getLast().message().contains("more than 1000 problems in this file"));
        assertEquals(HaCfReporter.MAX_PER_LINE + 1, o.problems().stream().filter(p -> p.line() == 5).count());
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
