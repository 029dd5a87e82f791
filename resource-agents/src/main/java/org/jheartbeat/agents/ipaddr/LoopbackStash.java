package org.jheartbeat.agents.ipaddr;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Remembers, across daemon restarts, that lvs_support took an address off {@code lo}, so stop
 * puts it back: one file per address in the agents' state directory holding
 * {@code IP 32 255.255.255.255 lo}, as IPaddr2 keeps it in {@code $HA_RSCTMP/IP}.
 */
final class LoopbackStash {

    private final Path directory;

    LoopbackStash(Path directory) {
        this.directory = directory;
    }

    private Path file(Inet4Address ip) {
        return directory.resolve(ip.getHostAddress());
    }

    void remember(Inet4Address ip) throws IOException {
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, ".stash-", ".tmp");
        Files.writeString(temporary, ip.getHostAddress() + " 32 255.255.255.255 lo\n", StandardCharsets.UTF_8);
        Files.move(temporary, file(ip), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    boolean remembers(Inet4Address ip) throws IOException {
        Path file = file(ip);
        return Files.isRegularFile(file) && Files.size(file) > 0;
    }

    void forget(Inet4Address ip) throws IOException {
        Files.deleteIfExists(file(ip));
    }
}
