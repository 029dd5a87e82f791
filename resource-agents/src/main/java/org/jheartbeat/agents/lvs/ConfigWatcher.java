package org.jheartbeat.agents.lvs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Notices that the configuration file changed on disk, as ldirectord does on each pass of its
 * loop: the modification time moved and the content's digest differs from the last one seen
 * (so touching the file, or saving it unchanged, is not a change).
 */
final class ConfigWatcher {

    private final Path file;
    private FileTime lastModified;
    private byte[] lastDigest;

    ConfigWatcher(Path file) {
        this.file = file;
        this.lastModified = modified().orElse(FileTime.fromMillis(0));
        this.lastDigest = digest().orElse(new byte[0]);
    }

    /** True once per change of content. */
    boolean changed() {
        Optional<FileTime> m = modified();
        if (m.isEmpty() || m.get().equals(lastModified)) {
            return false;
        }
        lastModified = m.get();
        Optional<byte[]> d = digest();
        if (d.isEmpty() || Arrays.equals(d.get(), lastDigest)) {
            return false;
        }
        lastDigest = d.get();
        return true;
    }

    /** Polls every {@code interval} on a virtual thread and calls {@code onChange} for each change. */
    Thread watch(Duration interval, Runnable onChange) {
        return Thread.ofVirtual().name("ldirectord config watch " + file).start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(interval);
                    if (changed()) {
                        onChange.run();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private Optional<FileTime> modified() {
        try {
            return Optional.of(Files.getLastModifiedTime(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<byte[]> digest() {
        try {
            return Optional.of(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException | OutOfMemoryError e) {
            return Optional.empty();
        }
    }
}
