package org.jheartbeat.cli.init;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A shell script for a {@link PrivateRoot} where jheartbeat is installed: in a network namespace
 * of its own (gone when its last process exits), the installed /etc/init.d/heartbeat starts the
 * daemon with every path at its default as node x1 of an empty cluster, then a removal command
 * runs while the daemon does. Prints the sections "start", "status", "remove" (the command's
 * output) and "after" (whether the daemon is gone and logged its shutdown).
 */
final class LoneDirector {

    private LoneDirector() {
    }

    /** Writes the script into {@code dir} and returns the shell line that runs it. */
    static String command(Path dir, String removal) throws IOException {
        Path script = dir.resolve("lone-director.sh");
        Files.writeString(script, String.join("\n",
                "set -e",
                "ip link set lo up",
                "ip link add eth0 type veth peer name eth9",
                "ip addr add 10.66.0.1/24 brd + dev eth0",
                "ip link set eth0 up",
                "ip link set eth9 up",
                "printf 'keepalive 100ms\\ndeadtime 500ms\\ninitdead 1\\nudpport 6940\\ncrm off\\nauto_failback on\\n"
                        + "node x1 x2\\nbcast eth0\\nlogfile /var/log/ha-log\\n' >/etc/ha.d/ha.cf",
                ": >/etc/ha.d/haresources",
                "echo x1 >/etc/ha.d/nodeinfo",
                "pid=",
                // whatever happens below, the daemon this script started does not outlive it
                "trap '[ -z \"$pid\" ] || kill -9 \"$pid\" 2>/dev/null || true' EXIT",
                "echo '== start'",
                "/etc/init.d/heartbeat start",
                "pid=$(cat /var/run/heartbeat.pid)",
                "echo '== status'",
                "/etc/init.d/heartbeat status",
                "stat -c 'rundir %a %U:%G' /var/run/heartbeat",
                "echo '== remove'",
                removal,
                "echo '== after'",
                "if { tr '\\0' ' ' </proc/$pid/cmdline; } 2>/dev/null | grep -q HeartbeatCommand; then",
                "  echo \"daemon $pid still runs\"",
                "else",
                "  echo 'daemon gone'",
                "  pid=",
                "fi",
                "grep -q 'Heartbeat shutdown complete' /var/log/ha-log && echo 'log says shutdown complete'",
                ""));
        return "unshare --net /bin/sh " + script;
    }
}
