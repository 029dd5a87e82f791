package org.jheartbeat.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A per-file size limit below {@link ConfigFileReader#MAX_FILE_BYTES}: every line read costs
 * memory, so a file far larger than any real one of its kind is refused unread.
 */
final class FileSizeLimit {

    private FileSizeLimit() {
    }

    /** Why the file is refused, or empty when it is small enough (or its size is unknown). */
    static Optional<String> check(Path file, long maxBytes) {
        try {
            long size = Files.size(file);
            return size > maxBytes
                    ? Optional.of("is " + size + " bytes long; files above " + maxBytes + " bytes are refused")
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // the reader reports why it cannot read the file
        }
    }
}
