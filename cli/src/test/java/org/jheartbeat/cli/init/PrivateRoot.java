package org.jheartbeat.cli.init;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A shell run as root against "/" without changing the machine: a private mount namespace whose
 * /etc, /usr and /var are overlays with their upper layers on a tmpfs and whose /run is an
 * empty tmpfs, so every change (files, users, the dpkg database) vanishes with the namespace.
 * Tests use it to install jheartbeat the way an administrator does: init/install or dpkg.
 */
final class PrivateRoot {

    /** What a Heartbeat or ldirectord installation would leave in jheartbeat's way. */
    private static final String CLEAR_THE_WAY = String.join("\n",
            // Their packages go through dpkg, so dpkg's database agrees with the files. The
            // namespace shares the machine's processes: policy-rc.d keeps their maintainer scripts
            // from stopping or starting any service (invoke-rc.d asks it first).
            "printf '#!/bin/sh\\nexit 101\\n' >/usr/sbin/policy-rc.d",
            "chmod 755 /usr/sbin/policy-rc.d",
            "for package in heartbeat ldirectord; do",
            "  if dpkg-query -W -f '${Status}' \"$package\" 2>/dev/null | grep -q ' installed$'; then",
            "    dpkg --purge \"$package\" >/dev/null",
            "  fi",
            "done",
            "rm -f /usr/sbin/heartbeat /usr/sbin/cl_status /usr/sbin/hb_standby /usr/sbin/hb_takeover"
                    + " /usr/sbin/ldirectord /etc/init.d/heartbeat /lib/systemd/system/heartbeat.service"
                    + " /etc/logrotate.d/heartbeat /etc/ha.d/authkeys",
            "userdel hacluster 2>/dev/null || true",
            "groupdel haclient 2>/dev/null || true");

    private PrivateRoot() {
    }

    /**
     * Runs {@code body} with {@code set -e} in a fresh private root, after clearing what another
     * package would have left in jheartbeat's way and removing the users install creates.
     * {@code work} is an empty directory for the overlays' layers. Skips the test when not root
     * or when the distribution is not built.
     */
    static Script.Result run(Path work, String body) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for a private mount namespace");
        assumeTrue(Files.isExecutable(Script.DIST.resolve("bin/heartbeat")), "needs the built distribution");
        Path layers = Files.createDirectories(work.resolve("layers"));
        String script = String.join("\n",
                "set -e",
                "mount -t tmpfs jheartbeat-test " + layers,
                "for d in etc usr var; do",
                "  mkdir -p " + layers + "/upper/$d " + layers + "/work/$d",
                "  mount -t overlay overlay -o lowerdir=/$d,upperdir=" + layers + "/upper/$d,workdir=" + layers
                        + "/work/$d /$d",
                "done",
                "mount -t tmpfs jheartbeat-test-run /run",
                "mkdir -p /run/lock",
                CLEAR_THE_WAY,
                body);
        return Script.run(List.of("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", script), Map.of());
    }
}
