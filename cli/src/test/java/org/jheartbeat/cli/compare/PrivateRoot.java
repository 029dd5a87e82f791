package org.jheartbeat.cli.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.jheartbeat.cli.membership.NetnsLab;

/**
 * What a packaged daemon (heartbeat 3.0.6, keepalived) needs to believe it runs alone on
 * director NODE: the host name NODE (heartbeat takes its node name from {@code uname -n}), and
 * its own {@code /etc/ha.d}, {@code /var/lib/heartbeat} and {@code /run}. Commands run through
 * {@code ip netns exec}, which gives each a mount namespace of its own whose mounts do not
 * propagate back, then {@code unshare --uts}; the script bind-mounts this director's copies
 * over those three directories before it runs the command. The host's files are only read
 * (copied once), never changed. Every command run this way sees the same copies, so
 * {@code hb_standby} reaches the daemon's FIFO and {@code cl_status} its API socket.
 */
final class PrivateRoot {

    private static final String SCRIPT = """
            #!/bin/sh
            # in-director NODE ROOT COMMAND...: runs COMMAND as if on director NODE (see PrivateRoot)
            set -e
            node=$1; root=$2; shift 2
            hostname "$node"
            # keepalived alone needs neither heartbeat directory, and they exist only with its package
            if [ -d "$root/etc-ha.d" ]; then mount --bind "$root/etc-ha.d" /etc/ha.d; fi
            if [ -d "$root/var-lib-heartbeat" ]; then mount --bind "$root/var-lib-heartbeat" /var/lib/heartbeat; fi
            mount --bind "$root/run" /run
            exec "$@"
            """;

    private final Director director;
    private final Path root;

    private PrivateRoot(Director director, Path root) {
        this.director = director;
        this.root = root;
    }

    /** Copies the host's packaged heartbeat trees, when there are any, for {@code director} (under its home). */
    static PrivateRoot create(Director director) throws IOException {
        Path root = director.home().resolve("root");
        Files.createDirectories(root.resolve("run"));
        Path script = root.resolve("in-director");
        Files.writeString(script, SCRIPT);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (Files.isDirectory(Path.of("/var/lib/heartbeat"))) {
            copyHeartbeatTrees(root);
        }
        return new PrivateRoot(director, root);
    }

    private static void copyHeartbeatTrees(Path root) throws IOException {
        NetnsLab.run("cp", "-a", "/etc/ha.d/.", root.resolve("etc-ha.d") + "/");
        NetnsLab.run("cp", "-a", "/var/lib/heartbeat/.", root.resolve("var-lib-heartbeat") + "/");
        for (String dir : List.of("heartbeat", "heartbeat/ccm", "heartbeat/crm", "heartbeat/dopd", "crm")) {
            Files.createDirectories(root.resolve("run").resolve(dir));
            // as the package's tmpfiles.d entry creates them at boot
            NetnsLab.run("chown", "hacluster:haclient", root.resolve("run").resolve(dir).toString());
            Files.setPosixFilePermissions(root.resolve("run").resolve(dir), PosixFilePermissions.fromString("rwxr-x---"));
        }
        Files.createDirectories(root.resolve("run/lock"));
        Files.createDirectories(root.resolve("run/resource-agents"));
    }

    /** This director's {@code /etc/ha.d}, as seen from outside. */
    Path haD() {
        return root.resolve("etc-ha.d");
    }

    Path run() {
        return root.resolve("run");
    }

    /** The command line that runs {@code command} on this director. */
    List<String> command(String... command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", director.namespace(), "unshare", "--uts",
                root.resolve("in-director").toString(), director.name(), root.toString()));
        all.addAll(List.of(command));
        return all;
    }

    /** Runs {@code command} on this director to its end; returns its output, fails on a non-zero exit. */
    String run(String... command) throws IOException {
        return NetnsLab.run(command(command).toArray(String[]::new));
    }
}
