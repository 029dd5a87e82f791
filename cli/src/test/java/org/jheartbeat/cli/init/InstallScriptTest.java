package org.jheartbeat.cli.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * init/install and init/uninstall into a temporary DESTDIR, with the distribution the cli
 * module builds: the layout and modes a director gets, that a second run changes nothing, that
 * an administrator's files are never replaced and that uninstall takes back what install put.
 */
class InstallScriptTest {

    private static final Path INSTALL = Script.INIT.resolve("install");
    private static final Path UNINSTALL = Script.INIT.resolve("uninstall");
    private static final Path SAMPLES = Script.INIT.resolveSibling("etc-ha.d");
    private static final List<String> COMMANDS = List.of("heartbeat", "cl_status", "hb_standby", "hb_takeover",
            "ldirectord");

    @TempDir
    Path destdir;

    @BeforeEach
    void needsTheDistribution() {
        assumeTrue(Files.isExecutable(Script.DIST.resolve("bin/heartbeat")),
                "needs the built distribution at " + Script.DIST);
    }

    private Script.Result install() throws Exception {
        return Script.run(List.of("/bin/sh", INSTALL.toString()), Map.of("DESTDIR", destdir.toString()));
    }

    private Script.Result uninstall(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", UNINSTALL.toString()));
        command.addAll(List.of(args));
        return Script.run(command, Map.of("DESTDIR", destdir.toString()));
    }

    private Path at(String path) {
        return destdir.resolve(path.substring(1));
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void installsTheDistributionCommandsScriptsAndSamplesWithTheirModes() throws Exception {
        Script.Result run = install();
        assertEquals(0, run.exit(), run.toString());

        Path lib = at("/usr/lib/jheartbeat");
        assertEquals(names(Script.DIST.resolve("lib")), names(lib.resolve("lib")), "every jar of the distribution");
        assertStartUpCachesFresh(lib.resolve("lib"));
        assertEquals("rwxr-xr-x", mode(lib.resolve("libexec/launch")));
        assertEquals("rwxr-xr-x", mode(lib.resolve("uninstall")));
        for (String command : COMMANDS) {
            Path link = at("/usr/sbin/" + command);
            assertEquals(Path.of("../lib/jheartbeat/bin/" + command), Files.readSymbolicLink(link));
            assertTrue(Files.isExecutable(link), command + " resolves to an executable launcher");
        }
        assertInstalled("/etc/init.d/heartbeat", Script.INIT.resolve("heartbeat"), "rwxr-xr-x");
        assertInstalled("/lib/systemd/system/heartbeat.service", Script.INIT.resolve("heartbeat.service"), "rw-r--r--");
        assertInstalled("/etc/logrotate.d/heartbeat", Script.INIT.resolve("heartbeat.logrotate"), "rw-r--r--");
        assertInstalled("/etc/ha.d/ha.cf", SAMPLES.resolve("ha.cf"), "rw-r--r--");
        assertInstalled("/etc/ha.d/haresources", SAMPLES.resolve("haresources"), "rw-r--r--");
        assertInstalled("/etc/ha.d/ldirectord.cf", SAMPLES.resolve("ldirectord.cf"), "rw-r--r--");
        assertInstalled("/etc/ha.d/authkeys", SAMPLES.resolve("authkeys"), "rw-------");

        // The installed command runs through its /usr/sbin link (the launcher finds lib/ from there).
        Script.Result version = Script.run(List.of(at("/usr/sbin/heartbeat").toString(), "--version"), Map.of());
        assertEquals(0, version.exit(), version.toString());
        assertTrue(version.stdout().contains("compatible with Heartbeat 3.0.6"), version.toString());
    }

    /**
     * The launcher uses a start-up cache only when it is newer than every jar: the copies must
     * keep the build's timestamps, or each command would make its cache again on its first call.
     */
    private static void assertStartUpCachesFresh(Path lib) throws IOException {
        Path aot = lib.resolve("aot");
        if (!Files.isDirectory(Script.DIST.resolve("lib/aot"))) {
            return; // the build made none (no JDK 25 for the launcher at build time)
        }
        for (String cache : names(aot)) {
            for (String jar : names(lib).stream().filter(n -> n.endsWith(".jar")).toList()) {
                assertTrue(Files.getLastModifiedTime(aot.resolve(cache)).compareTo(
                        Files.getLastModifiedTime(lib.resolve(jar))) > 0, cache + " is older than " + jar);
            }
        }
    }

    private void assertInstalled(String path, Path source, String mode) throws IOException {
        Path installed = at(path);
        assertEquals(Files.readString(source), Files.readString(installed), path);
        assertEquals(mode, mode(installed), path);
    }

    @Test
    void theInstalledSampleConfigurationPassesTheCheckAsLoadb1() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "authkeys must belong to root for the check");
        assertEquals(0, install().exit());
        Script.Result check = Script.run(List.of(at("/usr/sbin/heartbeat").toString(), "--check", "-c",
                at("/etc/ha.d").toString(), "--node", "loadb1"), Map.of());
        assertEquals(0, check.exit(), check.toString());
    }

    @Test
    void aSecondRunChangesNothing() throws Exception {
        assertEquals(0, install().exit());
        TreeSnapshot first = TreeSnapshot.of(destdir);
        Script.Result again = install();
        assertEquals(0, again.exit(), again.toString());
        assertEquals(first, TreeSnapshot.of(destdir));
        assertTrue(again.stdout().contains("kept " + at("/etc/ha.d/ha.cf") + " (already there)"), again.toString());
    }

    @Test
    void anAdministratorsFilesAreNeverReplacedNorPurged() throws Exception {
        Files.createDirectories(at("/etc/ha.d"));
        Files.writeString(at("/etc/ha.d/ha.cf"), "# the admin's own ha.cf\n");
        Files.writeString(at("/etc/ha.d/authkeys"), "auth 1\n1 sha1 the-admins-secret\n");
        Files.setPosixFilePermissions(at("/etc/ha.d/authkeys"), PosixFilePermissions.fromString("rw-------"));

        Script.Result run = install();
        assertEquals(0, run.exit(), run.toString());
        assertEquals("# the admin's own ha.cf\n", Files.readString(at("/etc/ha.d/ha.cf")));
        assertEquals("auth 1\n1 sha1 the-admins-secret\n", Files.readString(at("/etc/ha.d/authkeys")));
        assertTrue(Files.exists(at("/etc/ha.d/haresources")), "missing samples are added");

        Script.Result purge = uninstall("--purge");
        assertEquals(0, purge.exit(), purge.toString());
        assertEquals("# the admin's own ha.cf\n", Files.readString(at("/etc/ha.d/ha.cf")));
        assertTrue(Files.exists(at("/etc/ha.d/authkeys")));
        assertFalse(Files.exists(at("/etc/ha.d/haresources")), "the sample install added goes with --purge");
        assertFalse(Files.exists(at("/etc/ha.d/ldirectord.cf")));
    }

    @Test
    void anUpgradeLeavesNoJarOfThePreviousVersion() throws Exception {
        assertEquals(0, install().exit());
        Path stale = at("/usr/lib/jheartbeat/lib/heartbeat-core-0.0.9.jar");
        Files.writeString(stale, "an older release");
        assertEquals(0, install().exit());
        assertFalse(Files.exists(stale), "the launcher puts every jar of lib/ on the class path");
    }

    @Test
    void uninstallRemovesWhatInstallPutAndKeepsTheConfiguration() throws Exception {
        assertEquals(0, install().exit());
        Files.writeString(at("/etc/ha.d/ha.cf"), "# edited after the install\n");
        Files.createDirectories(at("/etc/init.d"));
        Files.writeString(at("/etc/init.d/other"), "#!/bin/sh\n");

        Script.Result run = uninstall();
        assertEquals(0, run.exit(), run.toString());
        assertFalse(Files.exists(at("/usr/lib/jheartbeat")));
        for (String command : COMMANDS) {
            assertFalse(Files.exists(at("/usr/sbin/" + command), LinkOption.NOFOLLOW_LINKS), command);
        }
        assertFalse(Files.exists(at("/etc/init.d/heartbeat")));
        assertFalse(Files.exists(at("/lib/systemd/system/heartbeat.service")));
        assertFalse(Files.exists(at("/etc/logrotate.d/heartbeat")));
        assertTrue(Files.exists(at("/etc/init.d/other")), "other init scripts stay");
        assertEquals("# edited after the install\n", Files.readString(at("/etc/ha.d/ha.cf")));
        assertEquals(List.of("authkeys", "ha.cf", "haresources", "ldirectord.cf"), names(at("/etc/ha.d")));

        Script.Result purge = uninstall("--purge");
        assertEquals(0, purge.exit(), purge.toString());
        assertFalse(Files.exists(at("/etc/ha.d")), "purge removes the samples install created, and the empty directory");
    }

    @Test
    void refusesToReplaceAnotherPackagesCommandAndChangesNothing() throws Exception {
        Files.createDirectories(at("/usr/sbin"));
        Files.writeString(at("/usr/sbin/ldirectord"), "#!/usr/bin/perl\n# the ldirectord package\n");
        TreeSnapshot before = TreeSnapshot.of(destdir);

        Script.Result run = install();
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.stderr().contains(at("/usr/sbin/ldirectord") + " exists and is not jheartbeat's"), run.toString());
        assertTrue(run.stderr().contains("dpkg -S /usr/sbin/ldirectord"), run.toString());
        assertTrue(run.stderr().contains("nothing was changed"), run.toString());
        assertEquals(before, TreeSnapshot.of(destdir));
    }

    @Test
    void refusesToReplaceAnotherInitScript() throws Exception {
        Files.createDirectories(at("/etc/init.d"));
        Files.writeString(at("/etc/init.d/heartbeat"), "#!/bin/sh\n# Heartbeat's own script\n");
        TreeSnapshot before = TreeSnapshot.of(destdir);

        Script.Result run = install();
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.stderr().contains(at("/etc/init.d/heartbeat") + " exists and is not jheartbeat's"), run.toString());
        assertEquals(before, TreeSnapshot.of(destdir));
    }

    @Test
    void refusesWhenTheDistributionIsNotBuilt(@TempDir Path checkout) throws Exception {
        // A checkout where ./build has not run: the scripts, but no cli/target.
        Files.createDirectories(checkout.resolve("init"));
        Files.copy(INSTALL, checkout.resolve("init/install"));
        Script.Result run = Script.run(List.of("/bin/sh", checkout.resolve("init/install").toString()),
                Map.of("DESTDIR", destdir.toString()));
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.stderr().contains("jheartbeat is not built"), run.toString());
        assertTrue(run.stderr().contains("run ./build first"), run.toString());
        assertEquals(List.of(), names(destdir));
    }

    @Test
    void helpDescribesTheScriptAndUnknownArgumentsAreRefused() throws Exception {
        Script.Result help = Script.run(List.of("/bin/sh", INSTALL.toString(), "--help"), Map.of());
        assertEquals(0, help.exit(), help.toString());
        assertTrue(help.stdout().contains("DESTDIR=/some/dir installs into that tree"), help.toString());
        assertFalse(help.stdout().contains("set -eu"), help.toString());
        Script.Result bad = Script.run(List.of("/bin/sh", UNINSTALL.toString(), "--purg"), Map.of());
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.stderr().contains("unknown argument '--purg'"), bad.toString());
    }
}
