package org.jheartbeat.cli.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of init/ as the tools that consume them read them: the shell scripts (the Debian
 * package's maintainer scripts included) through {@code sh -n} and shellcheck (POSIX sh), the LSB header through systemd's SysV generator,
 * the unit through {@code systemd-analyze verify}.
 */
class InitFilesLintTest {

    private static final List<Path> SCRIPTS = List.of(Script.INIT.resolve("heartbeat"), Script.INIT.resolve("install"),
            Script.INIT.resolve("uninstall"), Script.INIT.resolve("debian/preinst"), Script.INIT.resolve("debian/postinst"),
            Script.INIT.resolve("debian/prerm"), Script.INIT.resolve("debian/postrm"));
    private static final Path SYSV_GENERATOR = Path.of("/lib/systemd/system-generators/systemd-sysv-generator");

    @TempDir
    Path dir;

    @Test
    void theScriptsAreValidPosixShell() throws Exception {
        for (Path script : SCRIPTS) {
            Script.Result parse = Script.run(List.of("/bin/sh", "-n", script.toString()), Map.of());
            assertEquals(0, parse.exit(), script + ": " + parse);
            assertTrue(Files.isExecutable(script), script + " is executable in the checkout");
        }
    }

    @Test
    void shellcheckFindsNothing() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/shellcheck")), "needs shellcheck (apt-get install shellcheck)");
        List<String> command = new ArrayList<>(List.of("/usr/bin/shellcheck", "--shell=sh"));
        SCRIPTS.forEach(script -> command.add(script.toString()));
        Script.Result check = Script.run(command, Map.of());
        assertEquals(0, check.exit(), check.toString());
        assertEquals("", check.stdout());
    }

    @Test
    void systemdReadsTheLsbHeaderOfTheInitScript() throws Exception {
        assumeTrue(Files.isExecutable(SYSV_GENERATOR), "needs systemd's SysV generator");
        Path initDir = Files.createDirectories(dir.resolve("init.d"));
        Files.copy(Script.INIT.resolve("heartbeat"), initDir.resolve("heartbeat"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Script.Result generate = Script.run(List.of(SYSV_GENERATOR.toString(), out.toString(), out.toString(),
                out.toString()), Map.of("SYSTEMD_SYSVINIT_PATH", initDir.toString(),
                "SYSTEMD_SYSVRCND_PATH", Files.createDirectories(dir.resolve("rc.d")).toString()));
        assertEquals(0, generate.exit(), generate.toString());
        String unit = Files.readString(out.resolve("heartbeat.service"));
        assertTrue(unit.contains("Description=LSB: jheartbeat cluster manager"), unit);
        // Required-Start: $network $remote_fs: started after the network is up and remote file systems are mounted.
        assertTrue(unit.contains("After=network-online.target"), unit);
        assertTrue(unit.contains("After=remote-fs.target"), unit);
        assertTrue(unit.contains("ExecStop=" + initDir.resolve("heartbeat") + " stop"), unit);
    }

    @Test
    void systemdAcceptsTheUnit() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "needs systemd-analyze");
        assumeTrue(Files.isExecutable(Script.DIST.resolve("bin/heartbeat")), "needs the built distribution");
        // verify also checks that each Exec command exists: point them at the built launcher.
        String unit = Files.readString(Script.INIT.resolve("heartbeat.service"));
        Path copy = dir.resolve("heartbeat.service");
        Files.writeString(copy, unit.replace("/usr/sbin/heartbeat", Script.DIST.resolve("bin/heartbeat").toString()));
        Script.Result verify = Script.run(List.of(analyze.toString(), "verify", copy.toString()), Map.of());
        assertEquals(0, verify.exit(), verify.toString());
        // Other units of this machine may draw warnings; none may be about ours.
        String output = verify.stdout() + verify.stderr();
        assertTrue(output.lines().noneMatch(line -> line.contains("heartbeat.service")), output);

        assertTrue(unit.contains("\nExecStop=/usr/sbin/heartbeat -k\n"), "stop hands the groups over and waits");
        assertTrue(unit.contains("\nExecReload=/usr/sbin/heartbeat -r\n"), unit);
        assertTrue(unit.contains("\nRuntimeDirectoryMode=0750\n"), unit);
    }
}
