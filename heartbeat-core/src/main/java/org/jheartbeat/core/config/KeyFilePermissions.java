package org.jheartbeat.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The authkeys file checks. Heartbeat refuses a key file that group or others can read;
 * jheartbeat also refuses one they can write (they could replace the key) and one not owned by
 * root (its owner could). Both start with Heartbeat's message.
 */
final class KeyFilePermissions {

    private static final int ROOT_UID = 0;

    private KeyFilePermissions() {
    }

    /** Whether the file is safe to take keys from; if not, says why in {@code problems}. */
    static boolean check(Path file, FileProblems problems) {
        Ownership ownership;
        try {
            ownership = ownership(file);
        } catch (IOException | UnsupportedOperationException e) {
            problems.error(0, badPermissions(file) + " Its owner and mode cannot be read ("
                    + e.getMessage() + "), so it is not used");
            return false;
        }
        boolean safe = true;
        List<String> access = access(ownership.mode());
        if (!access.isEmpty()) {
            problems.error(0, String.format("%s It has mode %04o (%s); only root may read or write it,"
                            + " as anyone who can read the key can forge cluster messages and anyone who can"
                            + " write it can replace the key. Fix: chmod 600 %s",
                    badPermissions(file), ownership.mode() & 07777, String.join(", ", access), file));
            safe = false;
        }
        if (ownership.uid() != ROOT_UID) {
            problems.error(0, badPermissions(file) + " It is owned by " + ownership.owner()
                    + ", not root, and its owner could change the key. Fix: chown root " + file);
            safe = false;
        }
        return safe;
    }

    private static String badPermissions(Path file) {
        return "Bad permissions on keyfile [" + file + "], 600 recommended.";
    }

    private static List<String> access(int mode) {
        List<String> access = new ArrayList<>();
        if ((mode & 0040) != 0) {
            access.add("its group can read it");
        }
        if ((mode & 0020) != 0) {
            access.add("its group can write it");
        }
        if ((mode & 0004) != 0) {
            access.add("others can read it");
        }
        if ((mode & 0002) != 0) {
            access.add("others can write it");
        }
        return access;
    }

    private record Ownership(int mode, int uid, String owner) {
    }

    private static Ownership ownership(Path file) throws IOException {
        try {
            Map<String, Object> unix = Files.readAttributes(file, "unix:mode,uid,owner");
            int uid = (Integer) unix.get("uid");
            UserPrincipal owner = (UserPrincipal) unix.get("owner");
            return new Ownership((Integer) unix.get("mode"), uid, "uid " + uid + " (" + owner.getName() + ")");
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            PosixFileAttributes posix = Files.readAttributes(file, PosixFileAttributes.class);
            String owner = posix.owner().getName();
            return new Ownership(mode(posix.permissions()), "root".equals(owner) ? ROOT_UID : -1, "user " + owner);
        }
    }

    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 0400 >> permission.ordinal();
        }
        return mode;
    }
}
