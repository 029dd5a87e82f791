package org.jheartbeat.core.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a configuration file defensively: every way a file can be unusable (missing, a
 * directory, a FIFO that would block the reader, a symlink loop, too large, unreadable) becomes
 * one {@link Problem} instead of an exception or a hang, and hostile content (NUL bytes,
 * invalid UTF-8, absurdly long lines) is reported by line without stopping the rest of the file
 * from being read.
 *
 * <p>Lines end at LF; a CR before the LF is dropped so files edited on Windows read the same.
 */
public final class ConfigFileReader {

    /** Files larger than this are refused unread unless a reader sets its own limit. */
    public static final long DEFAULT_MAX_FILE_BYTES = 16L * 1024 * 1024;

    /**
     * Every line costs an object, so a file of millions of empty lines would cost gigabytes;
     * no real configuration comes near this.
     */
    public static final int MAX_LINES = 2_000_000;

    private final int maxLineBytes;
    private final long maxFileBytes;

    /**
     * @param maxLineBytes longer lines are reported as errors and skipped
     * @param maxFileBytes larger files are refused unread
     */
    public ConfigFileReader(int maxLineBytes, long maxFileBytes) {
        this.maxLineBytes = maxLineBytes;
        this.maxFileBytes = maxFileBytes;
    }

    public ConfigFileReader(int maxLineBytes) {
        this(maxLineBytes, DEFAULT_MAX_FILE_BYTES);
    }

    /** The file's lines, or empty after adding an error to {@code problems}. */
    public Optional<ConfigText> read(Path file, Problems problems) {
        Optional<String> unusable = whyUnusable(file);
        if (unusable.isPresent()) {
            problems.error(file, 0, unusable.get());
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.error(file, 0, "cannot read: " + describe(e));
            return Optional.empty();
        }
        List<ConfigLine> lines = split(file, bytes, problems);
        if (lines == null) {
            problems.error(file, 0, "has more than " + MAX_LINES + " lines; this is not a configuration file");
            return Optional.empty();
        }
        return Optional.of(new ConfigText(file, lines));
    }

    /** Why this path cannot be read as a configuration file, checked without opening it. */
    public Optional<String> whyUnusable(Path file) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return Optional.of("cannot open: " + describe(e));
        }
        if (attrs.isDirectory()) {
            return Optional.of("is a directory, not a file");
        }
        if (!attrs.isRegularFile()) {
            return Optional.of("is not a regular file (a FIFO, socket or device cannot be a configuration file)");
        }
        if (attrs.size() > maxFileBytes) {
            return Optional.of("is " + attrs.size() + " bytes long; files above "
                    + maxFileBytes + " bytes are refused");
        }
        return Optional.empty();
    }

    /** The lines, or null when there are more than {@link #MAX_LINES}. */
    private List<ConfigLine> split(Path file, byte[] bytes, Problems problems) {
        List<ConfigLine> lines = new ArrayList<>();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int number = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = indexOf(bytes, (byte) '\n', start);
            int next = end < 0 ? bytes.length : end + 1;
            if (end < 0) {
                end = bytes.length;
            }
            if (++number > MAX_LINES) {
                return null;
            }
            int contentEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            int length = contentEnd - start;
            if (length > maxLineBytes) {
                problems.error(file, number, "line is " + length + " bytes long; at most "
                        + maxLineBytes + " are allowed (the line is ignored)");
            } else if (indexOf(bytes, (byte) 0, start, contentEnd) >= 0) {
                problems.error(file, number, "line contains a NUL byte; is this a text file? (the line is ignored)");
            } else if (length == 0) {
                lines.add(new ConfigLine(number, ""));
            } else {
                lines.add(new ConfigLine(number, decode(decoder, bytes, start, length, file, number, problems)));
            }
            start = next;
        }
        return lines;
    }

    private static String decode(CharsetDecoder decoder, byte[] bytes, int start, int length,
                                 Path file, int number, Problems problems) {
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, start, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            problems.warning(file, number, "line is not valid UTF-8; the bad bytes are read as U+FFFD");
            return new String(bytes, start, length, StandardCharsets.UTF_8);
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        return indexOf(bytes, b, from, bytes.length);
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            String reason = fse.getReason();
            return reason.contains("symbolic links") ? "symbolic link loop (" + reason + ")" : reason;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
