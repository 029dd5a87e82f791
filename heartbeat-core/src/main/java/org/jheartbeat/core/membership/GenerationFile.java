package org.jheartbeat.core.membership;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The persistent generation number of spec §2.5 ({@code hb_generation} in the state
 * directory), one higher on every daemon start. It is this daemon's incarnation on the wire:
 * peers take a higher generation for a restart and drop packets of a lower one as replays, so
 * a number must never be handed out twice. Hence the new value is on disk (written to a
 * temporary file, fsync'ed, renamed over the old one, directory fsync'ed) before it is used,
 * and concurrent starts sharing the directory are serialised by a lock file. The file holds
 * the number in decimal followed by a newline.
 */
public final class GenerationFile {

    /** Where Heartbeat keeps its state. */
    public static final Path DEFAULT_STATE_DIRECTORY = Path.of("/var/lib/heartbeat");
    static final String FILE_NAME = "hb_generation";
    private static final String LOCK_NAME = ".hb_generation.lock";

    private GenerationFile() {
    }

    /**
     * Reads the last generation from {@code stateDirectory} (0 when there is no file yet),
     * stores the next one durably and returns it. Creates the directory when missing.
     *
     * @throws MembershipException naming the file when it cannot be read, holds something
     *                             other than a generation number, or cannot be written
     */
    public static synchronized long next(Path stateDirectory) throws MembershipException {
        // synchronized: a file lock keeps other processes out, but within one JVM a second lock
        // attempt would fail instead of waiting
        Path file = stateDirectory.resolve(FILE_NAME);
        try {
            Files.createDirectories(stateDirectory);
        } catch (IOException e) {
            throw new MembershipException("cannot create the state directory " + stateDirectory + ": " + e, e);
        }
        try (FileChannel lockChannel = FileChannel.open(stateDirectory.resolve(LOCK_NAME),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockChannel.lock()) {
            long next = read(file) + 1;
            write(file, next);
            return next;
        } catch (IOException e) {
            throw new MembershipException("cannot update the heartbeat generation in " + file + ": " + e, e);
        }
    }

    /** The stored generation, 0 when the file does not exist. */
    static long read(Path file) throws MembershipException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new MembershipException("cannot read the heartbeat generation from " + file + ": " + e, e);
        }
        String number = text.strip();
        if (!number.matches("[0-9]{1,18}")) {
            throw new MembershipException("corrupt heartbeat generation file " + file + ": expected a decimal"
                    + " number, found [" + abbreviate(number) + "]; write a number higher than this node's last"
                    + " generation into it (peers ignore a lower one as a replay)");
        }
        return Long.parseLong(number);
    }

    private static void write(Path file, long generation) throws IOException {
        Path temporary = file.resolveSibling(FILE_NAME + ".new");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer content = ByteBuffer.wrap((generation + "\n").getBytes(StandardCharsets.US_ASCII));
            while (content.hasRemaining()) {
                out.write(content);
            }
            out.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        // the rename itself must survive a crash, or the next start could reuse this number
        try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
