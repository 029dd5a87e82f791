package org.jheartbeat.cli.init;

import static org.jheartbeat.cli.init.Script.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package the cli module builds (target/jheartbeat_VERSION_all.deb, from the
 * distribution and init/debian) as dpkg sees it: its contents against what init/install puts on
 * a director, and dpkg -i, -r and -P as an administrator runs them, in a {@link PrivateRoot}.
 */
class DebianPackageTest {

    private static final Path DPKG_DEB = Path.of("/usr/bin/dpkg-deb");
    private static final List<String> COMMANDS = List.of("heartbeat", "cl_status", "hb_standby", "hb_takeover",
            "ldirectord");
    /** One line of {@code dpkg-deb -c}: mode, owner, size, date, time, ./path [-> target]. */
    private static final Pattern LISTING = Pattern.compile(
            "([-dl][rwxsStT-]{9}) (\\S+)\\s+\\d+ \\S+ \\S+ \\./(\\S*?)/?(?: -> (\\S+))?");

    @TempDir
    Path dir;

    /** The package of this build; a package older than the distribution is a leftover and fails. */
    private static Path deb() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(DPKG_DEB), "needs dpkg-deb");
        Path distJar = Script.DIST.resolve("lib/jheartbeat-cli-dist.jar");
        assumeTrue(Files.exists(distJar), "needs the built distribution");
        List<Path> debs;
        try (Stream<Path> files = Files.list(Script.DIST.getParent())) {
            debs = files.filter(p -> p.getFileName().toString().matches("jheartbeat_.+_all\\.deb")).toList();
        }
        assumeTrue(!debs.isEmpty(), "needs the package (not built with -Djdeb.skip=true)");
        assertEquals(1, debs.size(), "one package in target/: " + debs);
        Path deb = debs.getFirst();
        assertFalse(Files.getLastModifiedTime(deb).compareTo(Files.getLastModifiedTime(distJar)) < 0,
                deb + " is older than the distribution: a leftover of an earlier build");
        for (String name : List.of("preinst", "postinst", "prerm", "postrm")) {
            Script.Result script = Script.run(List.of(DPKG_DEB.toString(), "-I", deb.toString(), name), Map.of());
            assertEquals(Files.readString(Script.INIT.resolve("debian").resolve(name)), script.stdout(),
                    name + " in " + deb + " is init/debian's (else the package is a leftover of an earlier build)");
        }
        return deb;
    }

    @Test
    void thePackageHoldsWhatInstallPutsOnADirectorWithTheSameModes() throws Exception {
        Path deb = deb();
        Script.Result listing = Script.run(List.of(DPKG_DEB.toString(), "-c", deb.toString()), Map.of());
        assertEquals(0, listing.exit(), listing.toString());
        Map<String, String> packaged = new TreeMap<>();
        for (String line : listing.stdout().lines().toList()) {
            Matcher entry = LISTING.matcher(line);
            assertTrue(entry.matches(), "unexpected dpkg-deb -c line: " + line);
            assertEquals("root/root", entry.group(2), line);
            packaged.put("/" + entry.group(3), entry.group(4) != null ? "link -> " + entry.group(4)
                    : (entry.group(1).startsWith("d") ? "dir " : "file ") + entry.group(1).substring(1));
        }

        Path destdir = Files.createDirectories(dir.resolve("destdir"));
        Script.Result install = Script.run(List.of("/bin/sh", Script.INIT.resolve("install").toString()),
                Map.of("DESTDIR", destdir.toString()));
        assertEquals(0, install.exit(), install.toString());
        Map<String, String> installed = new TreeMap<>();
        TreeSnapshot.of(destdir).entries().forEach((path, description) -> installed.put("/" + path,
                description.replaceFirst("^(file \\S+) \\S+$", "$1")));

        // Where the two differ on purpose: install copies its own uninstall script (dpkg -r is the
        // package's), and the samples it writes into /etc/ha.d and records in /var/lib/jheartbeat
        // travel in /usr/share/jheartbeat/samples, which postinst copies. The start-up
        // caches (lib/aot) are made by postinst for the director's JDK.
        assertEquals(withoutOwnParts(installed, "/usr/lib/jheartbeat/uninstall", "/etc/ha.d", "/var/lib/jheartbeat"),
                withoutOwnParts(packaged, "/usr/share/jheartbeat"));
        for (String command : COMMANDS) {
            assertEquals("link -> ../lib/jheartbeat/bin/" + command, packaged.get("/usr/sbin/" + command));
        }
        assertEquals(List.of("/usr/share/jheartbeat/samples/authkeys", "/usr/share/jheartbeat/samples/ha.cf",
                "/usr/share/jheartbeat/samples/haresources", "/usr/share/jheartbeat/samples/ldirectord.cf"),
                packaged.keySet().stream().filter(p -> p.startsWith("/usr/share/jheartbeat/samples/")).toList());
    }

    /**
     * The files and links of a tree without the paths under {@code own} and without lib/aot;
     * directories only as far as they are jheartbeat's (/usr or /etc themselves belong to others).
     */
    private static Map<String, String> withoutOwnParts(Map<String, String> tree, String... own) {
        Map<String, String> kept = new TreeMap<>(tree);
        kept.keySet().removeIf(path -> Stream.of(own).anyMatch(o -> path.equals(o) || path.startsWith(o + "/"))
                || path.startsWith("/usr/lib/jheartbeat/lib/aot")
                || (kept.get(path).startsWith("dir ") && !path.startsWith("/usr/lib/jheartbeat")));
        return kept;
    }

    @Test
    @Tag("netns")
    void installUpgradeRemoveAndPurgeWithDpkg() throws Exception {
        Path deb = deb();
        String script = String.join("\n",
                "echo '== install'",
                "dpkg -i " + deb,
                "echo '== facts'",
                "dpkg-query -W -f '${Package} ${Status}\\n' jheartbeat",
                "getent passwd hacluster",
                "id -gn hacluster",
                "stat -c 'authkeys %a %U' /etc/ha.d/authkeys",
                "ls /etc/ha.d | tr '\\n' ' '; echo",
                "/usr/sbin/heartbeat --version",
                "/usr/sbin/cl_status hbstatus || echo \"cl_status exit $?\"",
                "echo '== reinstall'",
                "echo '# edited by the administrator' >>/etc/ha.d/ha.cf",
                "rm /etc/ha.d/ldirectord.cf",
                "dpkg -i " + deb,
                "echo '== after reinstall'",
                "tail -n 1 /etc/ha.d/ha.cf",
                "ls /etc/ha.d | tr '\\n' ' '; echo",
                "echo '== remove'",
                "dpkg -r jheartbeat",
                "echo '== after remove'",
                "dpkg-query -W -f '${Package} ${Status}\\n' jheartbeat",
                presence("/usr/lib/jheartbeat", "/usr/sbin/heartbeat", "/usr/sbin/ldirectord",
                        "/lib/systemd/system/heartbeat.service", "/etc/init.d/heartbeat", "/etc/logrotate.d/heartbeat",
                        "/etc/ha.d/ha.cf", "/etc/ha.d/authkeys"),
                "tail -n 1 /etc/ha.d/ha.cf",
                "echo '== purge'",
                "dpkg -P jheartbeat",
                "echo '== after purge'",
                "dpkg-query -W jheartbeat 2>/dev/null || echo 'dpkg knows no jheartbeat'",
                presence("/etc/init.d/heartbeat", "/etc/logrotate.d/heartbeat", "/etc/ha.d", "/var/lib/jheartbeat"),
                "getent group haclient >/dev/null && echo 'group haclient stays'",
                "");
        Script.Result run = PrivateRoot.run(dir, script);
        assertEquals(0, run.exit(), run.toString());
        String out = run.stdout();

        String install = section(out, "install");
        assertTrue(install.contains("jheartbeat: created group haclient\njheartbeat: created system user hacluster\n"),
                run.toString());
        assertTrue(install.contains("jheartbeat: made cl_status's start-up cache for this JDK\n"
                + "jheartbeat: made hb_standby's start-up cache for this JDK\n"), run.toString());
        assertTrue(install.contains("jheartbeat: sample /etc/ha.d/authkeys (written for the directors loadb1 and loadb2"),
                run.toString());
        assertTrue(install.contains("jheartbeat: next: adapt /etc/ha.d, then update-rc.d heartbeat defaults"),
                "no systemd in the private root: " + install);
        String facts = section(out, "facts");
        assertTrue(facts.startsWith("jheartbeat install ok installed\n"), facts);
        assertTrue(facts.matches("(?s).*\nhacluster:x:\\d+:\\d+:[^:]*:/var/lib/heartbeat:(/usr)?/sbin/nologin\n.*"), facts);
        assertTrue(facts.contains("\nhaclient\n"), "hacluster's group is haclient: " + facts);
        assertTrue(facts.contains("\nauthkeys 600 root\n"), facts);
        assertTrue(facts.contains("\nauthkeys ha.cf haresources ldirectord.cf \n"), facts);
        assertTrue(facts.contains("compatible with Heartbeat 3.0.6"), facts);
        // the installed cl_status runs (from its cache) and finds no daemon: Heartbeat's answer and exit
        assertTrue(facts.contains("cl_status exit"), facts);

        String reinstall = section(out, "reinstall");
        assertFalse(reinstall.contains("created"), "the users exist: " + reinstall);
        assertFalse(reinstall.contains("sample"), "an upgrade leaves /etc/ha.d alone: " + reinstall);
        assertEquals("# edited by the administrator\nauthkeys ha.cf haresources \n", section(out, "after reinstall"),
                "the edit is kept and the deleted sample stays deleted");

        assertEquals(String.join("\n", "jheartbeat deinstall ok config-files", "absent /usr/lib/jheartbeat",
                "absent /usr/sbin/heartbeat", "absent /usr/sbin/ldirectord", "absent /lib/systemd/system/heartbeat.service",
                "present /etc/init.d/heartbeat", "present /etc/logrotate.d/heartbeat", "present /etc/ha.d/ha.cf",
                "present /etc/ha.d/authkeys", "# edited by the administrator", ""), section(out, "after remove"),
                "remove keeps the configuration, conffiles included");

        String purge = section(out, "purge");
        assertTrue(purge.contains("jheartbeat: removed /etc/ha.d/authkeys\n"), purge);
        assertEquals(String.join("\n", "dpkg knows no jheartbeat", "absent /etc/init.d/heartbeat",
                "absent /etc/logrotate.d/heartbeat", "absent /etc/ha.d", "absent /var/lib/jheartbeat",
                "group haclient stays", ""), section(out, "after purge"));
    }

    @Test
    @Tag("netns")
    void anAdministratorsFilesSurviveInstallAndPurgeAndTheTreeIsInstalls() throws Exception {
        Path deb = deb();
        Path destdir = Files.createDirectories(dir.resolve("destdir"));
        Script.Result install = Script.run(List.of("/bin/sh", Script.INIT.resolve("install").toString()),
                Map.of("DESTDIR", destdir.toString()));
        assertEquals(0, install.exit(), install.toString());
        Path authkeys = dir.resolve("admins-authkeys");
        Files.writeString(authkeys, "auth 1\n1 sha1 the-admins-secret\n");
        Files.setPosixFilePermissions(authkeys, PosixFilePermissions.fromString("rw-------"));

        String listTree = "find /usr/lib/jheartbeat -printf '%M %P\\n' | LC_ALL=C sort";
        String script = String.join("\n",
                "mkdir -p /etc/ha.d",
                "cp -p " + authkeys + " /etc/ha.d/authkeys",
                "echo 'loadb1' >/etc/ha.d/nodeinfo",
                "echo '== install'",
                "dpkg -i " + deb,
                "echo '== tree'",
                listTree,
                "echo '== purge'",
                "dpkg -P jheartbeat",
                "echo '== after purge'",
                "ls /etc/ha.d | tr '\\n' ' '; echo",
                "cat /etc/ha.d/authkeys",
                "");
        Script.Result run = PrivateRoot.run(dir, script);
        assertEquals(0, run.exit(), run.toString());
        String out = run.stdout();
        assertTrue(section(out, "install").contains("jheartbeat: kept /etc/ha.d/authkeys (already there)\n"),
                run.toString());

        // The installed tree is init/install's but for install's uninstall script; the start-up
        // caches are there in both when the build made them before the tests (postinst always does).
        Script.Result installTree = Script.run(List.of("/bin/sh", "-c",
                listTree.replace("/usr/lib/jheartbeat", destdir + "/usr/lib/jheartbeat")), Map.of());
        String fromInstall = installTree.stdout().replaceAll("(?m)^\\S+ uninstall\n", "");
        String fromDpkg = section(out, "tree");
        for (String cache : List.of("cl_status.aot", "hb_standby.aot")) {
            if (!fromInstall.contains(" lib/aot/" + cache + "\n")) {
                fromDpkg = fromDpkg.replaceAll("(?m)^\\S+ lib/aot/" + cache.replace(".", "\\.") + "\n", "");
            }
        }
        if (!fromInstall.contains(" lib/aot\n")) {
            fromDpkg = fromDpkg.replaceAll("(?m)^\\S+ lib/aot\n", "");
        }
        assertEquals(fromInstall, fromDpkg);

        String afterPurge = section(out, "after purge");
        assertEquals("authkeys nodeinfo \nauth 1\n1 sha1 the-admins-secret\n", afterPurge,
                "purge removes the samples the package wrote and nothing of the administrator's");
        assertTrue(section(out, "purge").contains("jheartbeat: kept /etc/ha.d (it holds other files)"), out);
    }

    @Test
    @Tag("netns")
    void removingThePackageStopsTheRunningDaemonGracefullyFirst() throws Exception {
        Path deb = deb();
        Script.Result run = PrivateRoot.run(dir, String.join("\n",
                "dpkg -i " + deb + " >/dev/null",
                LoneDirector.command(dir, "dpkg -r jheartbeat")));
        assertEquals(0, run.exit(), run.toString());
        String out = run.stdout();
        assertEquals("Starting High-Availability services: Done.\n\n", section(out, "start"), run.toString());
        assertTrue(section(out, "status").startsWith("heartbeat OK [pid "), run.toString());
        // prerm: the init script's stop, which returns once the groups went to the peer and the
        // daemon exited; only then does dpkg remove the files.
        assertTrue(section(out, "remove").contains("Removing jheartbeat (")
                && section(out, "remove").contains("jheartbeat: stopping heartbeat (its resource groups go to the peer)\n"
                        + "Stopping High-Availability services: Done.\n\n"), run.toString());
        assertEquals("daemon gone\nlog says shutdown complete\n", section(out, "after"), run.toString());
    }

    @Test
    @Tag("netns")
    void thePackageAndInitInstallRefuseToInstallOverEachOther() throws Exception {
        Path deb = deb();
        String install = "/bin/sh " + Script.INIT.resolve("install");
        Script.Result run = PrivateRoot.run(dir, String.join("\n",
                install + " >/dev/null",
                "echo '== package over install'",
                "dpkg -i " + deb + " 2>&1 || echo \"dpkg exit $?\"",
                "dpkg-query -W -f '${Status}\\n' jheartbeat 2>/dev/null || echo 'dpkg knows no jheartbeat'",
                "test -x /usr/lib/jheartbeat/uninstall && echo 'the installation stays'",
                "/usr/lib/jheartbeat/uninstall >/dev/null",
                "dpkg -i " + deb + " >/dev/null",
                "echo '== install over package'",
                install + " 2>&1 || echo \"install exit $?\"",
                "dpkg -V jheartbeat && echo 'dpkg -V finds every file as the package left it'",
                ""));
        assertEquals(0, run.exit(), run.toString());
        String packageOverInstall = section(run.stdout(), "package over install");
        assertTrue(packageOverInstall.contains("jheartbeat: /usr/lib/jheartbeat was installed by init/install, not by this"
                + " package.\njheartbeat: run /usr/lib/jheartbeat/uninstall first (it keeps /etc/ha.d), then install the"
                + " package again.\n"), packageOverInstall);
        assertTrue(packageOverInstall.contains("dpkg exit 1\n"), packageOverInstall);
        assertTrue(packageOverInstall.endsWith("the installation stays\n"), packageOverInstall);
        assertFalse(packageOverInstall.contains("install ok installed"), packageOverInstall);

        String installOverPackage = section(run.stdout(), "install over package");
        assertTrue(installOverPackage.startsWith("install: jheartbeat is installed as a Debian package: upgrade it with"
                + " the new package"), installOverPackage);
        assertTrue(installOverPackage.contains("install: nothing was changed.\ninstall exit 1\n"
                + "dpkg -V finds every file as the package left it\n"), installOverPackage);
    }

    /** Shell lines printing "present PATH" or "absent PATH" for each path (links not followed). */
    private static String presence(String... paths) {
        return "for f in " + String.join(" ", paths) + "; do\n"
                + "  if [ -e \"$f\" ] || [ -L \"$f\" ]; then echo \"present $f\"; else echo \"absent $f\"; fi\n"
                + "done";
    }
}
