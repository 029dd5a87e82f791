package org.jheartbeat.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Files no configuration reader may crash, hang or run out of memory on. */
final class HostileFiles {

    private HostileFiles() {
    }

    /** {@code before}, then a line of ten megabytes, then {@code after}. */
    static Path withTenMegabyteLine(Path dir, String before, String after) throws IOException {
        byte[] line = new byte[10 * 1024 * 1024];
        Arrays.fill(line, (byte) 'x');
        Path file = dir.resolve("ten-megabyte-line");
        Files.write(file, concat(before.getBytes(StandardCharsets.UTF_8), line, "\n".getBytes(StandardCharsets.UTF_8),
                after.getBytes(StandardCharsets.UTF_8)));
        return file;
    }

    /** The three lines, the middle one holding a NUL byte between its text halves. */
    static Path withNulByte(Path dir, String first, String middle, String last) throws IOException {
        Path file = dir.resolve("nul-byte");
        Files.write(file, (first + "\n" + middle + "\0" + middle + "\n" + last + "\n").getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** {@code before + 0xFF 0xFE + after}: not UTF-8. */
    static Path withInvalidUtf8(Path dir, String before, String after) throws IOException {
        Path file = dir.resolve("invalid-utf8");
        Files.write(file, concat(before.getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF, (byte) 0xFE},
                after.getBytes(StandardCharsets.UTF_8)));
        return file;
    }

    static Path directory(Path dir) throws IOException {
        return Files.createDirectory(dir.resolve("a-directory"));
    }

    /** A FIFO with no writer: opening it for reading would block forever. */
    static Path fifo(Path dir) throws IOException, InterruptedException {
        Path fifo = dir.resolve("a-fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        } catch (IOException noMkfifo) {
            assumeTrue(false, "mkfifo is not installed: " + noMkfifo.getMessage());
            throw noMkfifo;
        }
        assertEquals(0, mkfifo.waitFor(), "mkfifo exit status");
        return fifo;
    }

    static Path symlinkLoop(Path dir) throws IOException {
        Path a = dir.resolve("loop-a");
        Path b = dir.resolve("loop-b");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        return a;
    }

    static Path missing(Path dir) {
        return dir.resolve("does-not-exist");
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
