package org.jheartbeat.cli.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * init/install without DESTDIR, as an administrator runs it: into /, creating the haclient
 * group and the hacluster user. It runs in a private mount namespace whose /etc, /usr and /var
 * are overlays with their upper layers on a tmpfs, so every change (users included) vanishes
 * with the namespace and the machine's own files are never written.
 */
@Tag("netns")
class InstallOnTheSystemTest {

    @TempDir
    Path dir;

    @Test
    void installsIntoTheRootCreatesTheUsersAndUninstalls() throws Exception {
        String script = String.join("\n",
                "echo '== first'",
                "/bin/sh " + Script.INIT.resolve("install"),
                "echo '== second'",
                "/bin/sh " + Script.INIT.resolve("install"),
                "echo '== facts'",
                "getent passwd hacluster",
                "id -gn hacluster",
                "stat -c 'authkeys %a %U' /etc/ha.d/authkeys",
                "/usr/sbin/heartbeat --version",
                "echo '== uninstall'",
                "/usr/lib/jheartbeat/uninstall",
                "echo '== after'",
                "for f in /usr/lib/jheartbeat /usr/sbin/heartbeat /etc/init.d/heartbeat /etc/ha.d/authkeys; do",
                "  if [ -e \"$f\" ]; then echo \"present $f\"; else echo \"absent $f\"; fi",
                "done",
                "getent group haclient >/dev/null && echo 'group haclient stays'");
        Script.Result run = inPrivateRoot(script);
        assertEquals(0, run.exit(), run.toString());
        String out = run.stdout();
        String first = section(out, "first");
        assertTrue(first.contains("install: created group haclient"), run.toString());
        assertTrue(first.contains("install: created system user hacluster"), run.toString());
        assertTrue(first.contains("install: sample /etc/ha.d/authkeys"), run.toString());
        String second = section(out, "second");
        assertFalse(second.contains("created"), "the second run finds the users: " + second);
        assertTrue(second.contains("install: kept /etc/ha.d/authkeys (already there)"), second);

        String facts = section(out, "facts");
        assertTrue(facts.matches("(?s)hacluster:x:\\d+:\\d+:[^:]*:/var/lib/heartbeat:(/usr)?/sbin/nologin\n.*"), facts);
        assertTrue(facts.contains("\nhaclient\n"), "hacluster's group is haclient: " + facts);
        assertTrue(facts.contains("authkeys 600 root"), facts);
        assertTrue(facts.contains("compatible with Heartbeat 3.0.6"), facts);

        String after = section(out, "after");
        assertTrue(after.contains("absent /usr/lib/jheartbeat"), after);
        assertTrue(after.contains("absent /usr/sbin/heartbeat"), after);
        assertTrue(after.contains("absent /etc/init.d/heartbeat"), after);
        assertTrue(after.contains("present /etc/ha.d/authkeys"), "configuration stays without --purge: " + after);
        assertTrue(after.contains("group haclient stays"), after);
    }

    /**
     * Runs {@code body} with set -e in a private mount namespace where /etc, /usr and /var are
     * overlays (upper layers on a tmpfs) and /run is an empty tmpfs, after removing what a
     * Heartbeat or ldirectord package would have left in jheartbeat's way and the users.
     */
    private Script.Result inPrivateRoot(String body) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for a private mount namespace");
        assumeTrue(Files.isExecutable(Script.DIST.resolve("bin/heartbeat")), "needs the built distribution");
        Path layers = Files.createDirectories(dir.resolve("layers"));
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
                "rm -f /usr/sbin/heartbeat /usr/sbin/cl_status /usr/sbin/hb_standby /usr/sbin/hb_takeover"
                        + " /usr/sbin/ldirectord /etc/init.d/heartbeat /lib/systemd/system/heartbeat.service"
                        + " /etc/logrotate.d/heartbeat /etc/ha.d/authkeys",
                "userdel hacluster 2>/dev/null || true",
                "groupdel haclient 2>/dev/null || true",
                body);
        return Script.run(List.of("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", script), Map.of());
    }

    @Test
    void theInstalledInitScriptRunsTheDaemonWithItsDefaultsAndUninstallStopsIt() throws Exception {
        // Inside a network namespace of its own (gone when its last process exits): the daemon
        // started by /etc/init.d/heartbeat, with every path at its default.
        Path director = dir.resolve("director.sh");
        Files.writeString(director, String.join("\n",
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
                "echo '== uninstall'",
                "/usr/lib/jheartbeat/uninstall",
                "echo '== after'",
                "if { tr '\\0' ' ' </proc/$pid/cmdline; } 2>/dev/null | grep -q HeartbeatCommand; then",
                "  echo \"daemon $pid still runs\"",
                "else",
                "  echo 'daemon gone'",
                "  pid=",
                "fi",
                "grep -q 'Heartbeat shutdown complete' /var/log/ha-log && echo 'log says shutdown complete'",
                ""));
        Script.Result run = inPrivateRoot(String.join("\n",
                "/bin/sh " + Script.INIT.resolve("install") + " >/dev/null",
                "unshare --net /bin/sh " + director));
        assertEquals(0, run.exit(), run.toString());
        String out = run.stdout();
        assertEquals("Starting High-Availability services: Done.\n\n", section(out, "start"), run.toString());
        String status = section(out, "status");
        assertTrue(status.matches("heartbeat OK \\[pid \\d+ et al\\] is running on x1 \\[x1\\]\\.\\.\\.\n"
                + "rundir 750 hacluster:haclient\n"), status);
        assertTrue(section(out, "uninstall").startsWith("uninstall: stopping heartbeat (its resource groups go to the peer)\n"
                + "Stopping High-Availability services: Done.\n\n"), run.toString());
        assertEquals("daemon gone\nlog says shutdown complete\n", section(out, "after"), run.toString());
    }

    /** The lines after "== NAME" up to the next "== " marker. */
    private static String section(String output, String name) {
        int start = output.indexOf("== " + name + "\n");
        assertTrue(start >= 0, "no section " + name + " in\n" + output);
        start += name.length() + 4;
        int end = output.indexOf("\n== ", start);
        return end < 0 ? output.substring(start) : output.substring(start, end + 1);
    }
}
