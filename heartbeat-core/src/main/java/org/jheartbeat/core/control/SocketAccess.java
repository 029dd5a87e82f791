package org.jheartbeat.core.control;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Optional;

/**
 * Who may use the control socket: root, and group {@code haclient} when that group exists
 * (Heartbeat's built-in rule for anonymous API clients such as cl_status is
 * {@code uid=root gid=haclient}). Without the group the socket is root's alone.
 */
final class SocketAccess {

    static final String GROUP = "haclient";

    private SocketAccess() {
    }

    static Optional<GroupPrincipal> group() {
        try {
            return Optional.of(FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(GROUP));
        } catch (UserPrincipalNotFoundException e) {
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Creates the run directory if needed: 0750 with group haclient, else 0755 (the socket guards itself). */
    static void prepareDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return; // the init script or the administrator owns it; leave their choice alone
        }
        Files.createDirectories(dir);
        Optional<GroupPrincipal> group = group();
        if (group.isPresent()) {
            Files.getFileAttributeView(dir, PosixFileAttributeView.class).setGroup(group.get());
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        } else {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** 0660 with group haclient, else 0600. */
    static void restrictSocket(Path socket) throws IOException {
        Optional<GroupPrincipal> group = group();
        if (group.isPresent()) {
            Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(group.get());
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        } else {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
