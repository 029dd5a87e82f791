package org.jheartbeat.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cross-file checks: the three files read together, as the daemon and --check read them. */
class HaConfigLoaderTest {

    private static final Set<String> BUILT_IN = Set.of("IPaddr", "IPaddr2", "SendArp", "ldirectord",
            "LVSSyncDaemonSwap");

    private static final String HA_CF = """
            # two directors
            logfile /var/log/ha-log
            keepalive 1
            deadtime 10
            warntime 5
            initdead 60
            bcast eth0
            ucast eth1 10.0.1.2
            auto_failback off
            crm off
            ping 10.0.0.254
            respawn root /usr/lib/heartbeat/ipfail
            node loadb1
            node LoadB2
            """;

    private static final String HARESOURCES = """
            loadb1 IPaddr2::10.0.0.100/24/eth0/10.0.0.255 \\
                   ldirectord::ldirectord.cf LVSSyncDaemonSwap::master
            loadb2 10.0.0.200/24/eth0 myservice
            """;

    private static final String AUTHKEYS = """
            auth 2
            2 sha1 secret-for-tests
            """;

    @TempDir
    Path dir;
    Path initDir;

    @BeforeEach
    void writeValidConfiguration() throws IOException {
        write("ha.cf", HA_CF);
        write("haresources", HARESOURCES);
        write("authkeys", AUTHKEYS);
        Files.setPosixFilePermissions(dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
        initDir = Files.createDirectories(dir.resolve("init.d"));
        script(initDir.resolve("myservice"));
    }

    @Test
    void validConfigurationResolvesEveryResource() {
        HaConfigLoader.Result result = load("loadb1");

        assertTrue(result.valid(), () -> "problems: " + result.problems());
        HaConfig config = result.config().orElseThrow();
        assertEquals("loadb1", config.localNode());
        assertEquals(List.of("loadb2"), config.peers());
        assertEquals(2, config.groups().size());

        ResolvedGroup own = config.groups().get(0);
        assertEquals("IPaddr2::10.0.0.100/24/eth0/10.0.0.255", own.key());
        assertTrue(own.local());
        assertEquals(List.of(ResourceKind.BUILT_IN, ResourceKind.BUILT_IN, ResourceKind.BUILT_IN),
                own.resources().stream().map(ResolvedResource::kind).toList());

        ResolvedGroup foreign = config.groups().get(1);
        assertFalse(foreign.local());
        assertEquals("IPaddr", foreign.resources().get(0).spec().agentName());
        assertEquals(ResourceKind.LSB_SCRIPT, foreign.resources().get(1).kind());
        assertEquals(Optional.of(initDir.resolve("myservice")), foreign.resources().get(1).script());
    }

    @Test
    void nodeNamesCompareCaseInsensitively() {
        HaConfigLoader.Result result = load("LOADB2");

        assertTrue(result.valid(), () -> "problems: " + result.problems());
        assertEquals("loadb2", result.localNode());
        assertTrue(result.config().orElseThrow().groups().get(1).local());
    }

    @Test
    void heartbeatResourceScriptIsPreferredOverInitScript() throws IOException {
        Path own = dir.resolve("resource.d").resolve("myservice");
        Files.createDirectories(own.getParent());
        script(own);

        ResolvedResource r = load("loadb1").config().orElseThrow().groups().get(1).resources().get(1);

        assertEquals(ResourceKind.HEARTBEAT_SCRIPT, r.kind());
        assertEquals(Optional.of(own), r.script());
    }

    @Test
    void localNodeMustBeDeclared() {
        HaConfigLoader.Result result = load("loadb3");

        assertFalse(result.valid());
        assertProblem(result, dir.resolve("ha.cf"), 0, "Current node [loadb3] not in configuration!");
    }

    @Test
    void nodeinfoNamesTheLocalNode() throws IOException {
        write("nodeinfo", "LoadB2\n");

        HaConfigLoader.Result result = HaConfigLoader.load(
                new HaConfigLoader.Options(dir, Optional.empty(), initDir, BUILT_IN));

        assertEquals("loadb2", result.localNode());
        assertTrue(result.valid(), () -> "problems: " + result.problems());
    }

    @Test
    void everyProblemOfEveryFileIsReportedAtOnce() throws IOException {
        write("ha.cf", HA_CF + "keepalve 2\n");
        write("haresources", HARESOURCES + "loadb9 IPaddr2::10.0.0.9 nosuchscript\n");
        Files.setPosixFilePermissions(dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-r--r--"));

        HaConfigLoader.Result result = load("loadb1");

        assertFalse(result.valid());
        assertTrue(result.config().isEmpty(), "no half-valid configuration is handed out");
        assertProblem(result, dir.resolve("ha.cf"), 15, "keepalve");
        assertProblem(result, dir.resolve("authkeys"), 0, "Bad permissions on keyfile");
        assertProblem(result, dir.resolve("haresources"), 4, "Bad nodename");
        assertProblem(result, dir.resolve("haresources"), 4, "Cannot locate resource script nosuchscript");
    }

    @Test
    void scriptThatIsNotExecutableIsNamed() throws IOException {
        Files.setPosixFilePermissions(initDir.resolve("myservice"), PosixFilePermissions.fromString("rw-r--r--"));

        HaConfigLoader.Result result = load("loadb1");

        assertFalse(result.valid());
        assertProblem(result, dir.resolve("haresources"), 3, "exists but is not executable");
    }

    @Test
    void missingHaresourcesIsAnError() throws IOException {
        Files.delete(dir.resolve("haresources"));

        HaConfigLoader.Result result = load("loadb1");

        assertFalse(result.valid());
        assertProblem(result, dir.resolve("haresources"), 0, "no such file");
    }

    private HaConfigLoader.Result load(String node) {
        return HaConfigLoader.load(new HaConfigLoader.Options(dir, Optional.of(node), initDir, BUILT_IN));
    }

    private static void assertProblem(HaConfigLoader.Result result, Path file, int line, String text) {
        assertTrue(result.problems().stream().anyMatch(p -> p.isError() && p.file().equals(file)
                        && p.line() == line && p.message().contains(text)),
                () -> "expected an error at " + file + ":" + line + " containing '" + text + "' in "
                        + result.problems());
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private static void script(Path path) throws IOException {
        Files.writeString(path, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
