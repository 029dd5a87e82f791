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
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for a private mount namespace");
        assumeTrue(Files.isExecutable(Script.DIST.resolve("bin/heartbeat")), "needs the built distribution");
        String layers = dir.toString();
        String script = String.join("\n",
                "set -e",
                "mount -t tmpfs jheartbeat-test " + layers,
                "for d in etc usr var; do",
                "  mkdir -p " + layers + "/upper/$d " + layers + "/work/$d",
                "  mount -t overlay overlay -o lowerdir=/$d,upperdir=" + layers + "/upper/$d,workdir=" + layers
                        + "/work/$d /$d",
                "done",
                // A director that had Heartbeat and ldirectord removes their packages first.
                "rm -f /usr/sbin/heartbeat /usr/sbin/cl_status /usr/sbin/hb_standby /usr/sbin/hb_takeover"
                        + " /usr/sbin/ldirectord /etc/init.d/heartbeat /lib/systemd/system/heartbeat.service"
                        + " /etc/logrotate.d/heartbeat /etc/ha.d/authkeys",
                "userdel hacluster 2>/dev/null || true",
                "groupdel haclient 2>/dev/null || true",
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
        Script.Result run = Script.run(List.of("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", script),
                Map.of());
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

    /** The lines after "== NAME" up to the next "== " marker. */
    private static String section(String output, String name) {
        int start = output.indexOf("== " + name + "\n");
        assertTrue(start >= 0, "no section " + name + " in\n" + output);
        start += name.length() + 4;
        int end = output.indexOf("\n== ", start);
        return end < 0 ? output.substring(start) : output.substring(start, end + 1);
    }
}
