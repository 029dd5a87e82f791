package org.jheartbeat.cli.init;

import static org.jheartbeat.cli.init.Script.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * init/install without DESTDIR, as an administrator runs it: into /, creating the haclient
 * group and the hacluster user. It runs in a {@link PrivateRoot}, so every change (users
 * included) vanishes with the namespace and the machine's own files are never written.
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

    private Script.Result inPrivateRoot(String body) throws Exception {
        return PrivateRoot.run(dir, body);
    }

    @Test
    void theInstalledInitScriptRunsTheDaemonWithItsDefaultsAndUninstallStopsIt() throws Exception {
        // The daemon started by the installed /etc/init.d/heartbeat, with every path at its default.
        Script.Result run = inPrivateRoot(String.join("\n",
                "/bin/sh " + Script.INIT.resolve("install") + " >/dev/null",
                LoneDirector.command(dir, "/usr/lib/jheartbeat/uninstall")));
        assertEquals(0, run.exit(), run.toString());
        String out = run.stdout();
        assertEquals("Starting High-Availability services: Done.\n\n", section(out, "start"), run.toString());
        String status = section(out, "status");
        assertTrue(status.matches("heartbeat OK \\[pid \\d+ et al\\] is running on x1 \\[x1\\]\\.\\.\\.\n"
                + "rundir 750 hacluster:haclient\n"), status);
        assertTrue(section(out, "remove").startsWith("uninstall: stopping heartbeat (its resource groups go to the peer)\n"
                + "Stopping High-Availability services: Done.\n\n"), run.toString());
        assertEquals("daemon gone\nlog says shutdown complete\n", section(out, "after"), run.toString());
    }
}
