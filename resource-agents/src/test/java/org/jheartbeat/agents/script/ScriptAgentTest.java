package org.jheartbeat.agents.script;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.OcfResult;
import org.jheartbeat.core.config.AutoFailback;
import org.jheartbeat.core.config.HaConfigLoader;
import org.jheartbeat.core.config.LoggingSettings;
import org.jheartbeat.core.config.ResolvedResource;
import org.jheartbeat.core.config.ResourceKind;
import org.jheartbeat.core.config.ResourceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Heartbeat and LSB scripts as agents, run for real from a temporary directory. */
class ScriptAgentTest {

    @TempDir
    Path dir;

    /** Processes the scripts of a test left behind on purpose, killed after it by PID. */
    private final List<Long> leftBehind = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        leftBehind.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private AgentContext context() {
        return new AgentContext(dir, "x1");
    }

    private Path script(String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static ScriptEnvironment environment(AutoFailback mode) {
        return ScriptEnvironment.of(Path.of("/etc/ha.d"), mode,
                new LoggingSettings(Optional.of(Path.of("/var/log/ha-log")), Optional.empty(), Optional.of("local0"), false, 0));
    }

    private HeartbeatScriptAgent heartbeat(Path script) {
        return new HeartbeatScriptAgent(script, environment(AutoFailback.ON), ScriptTimeouts.DEFAULT);
    }

    private LsbScriptAgent lsb(Path script) {
        return new LsbScriptAgent(script, ScriptEnvironment.empty(), ScriptTimeouts.DEFAULT);
    }

    private long readPid(Path file) throws IOException {
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(file) && !Files.readString(file).isBlank());
        long pid = Long.parseLong(Files.readString(file).strip());
        leftBehind.add(pid);
        return pid;
    }

    @Test
    void calledWithItsArgumentsThenTheActionAndHeartbeatsEnvironment() throws IOException {
        Path record = dir.resolve("record");
        Path script = script("TestRsc", """
                echo "args: $*" > %s
                echo "HA_CURHOST=$HA_CURHOST HA_DIR=$HA_DIR OCF_ROOT=$OCF_ROOT" >> %s
                echo "HA_NICEFAILBACK=$HA_NICEFAILBACK HA_LOGFILE=$HA_LOGFILE HA_LOGFACILITY=$HA_LOGFACILITY" >> %s
                echo "HA_FUNCS=$HA_FUNCS HA_LOGD=$HA_LOGD" >> %s
                """.formatted(record, record, record, record));
        HeartbeatScriptAgent agent = heartbeat(script);
        Map<String, String> parameters = agent.parameters(List.of("alpha", "one"));
        assertEquals(ActionResult.success(), agent.start(context(), parameters));
        assertEquals(List.of(
                "args: alpha one start",
                "HA_CURHOST=x1 HA_DIR=" + dir + " OCF_ROOT=/usr/lib/ocf",
                "HA_NICEFAILBACK=yes HA_LOGFILE=/var/log/ha-log HA_LOGFACILITY=local0",
                "HA_FUNCS=/etc/ha.d/shellfuncs HA_LOGD=no"), Files.readAllLines(record));
        assertEquals("TestRsc", agent.name());
    }

    @Test
    void environmentFromALoadedConfiguration() throws IOException {
        Path haDir = Files.createDirectories(dir.resolve("ha.d"));
        Files.writeString(haDir.resolve("ha.cf"), """
                logfile /var/log/ha-log
                debugfile /var/log/ha-debug
                logfacility daemon
                keepalive 1
                bcast eth0
                auto_failback off
                node x1
                node x2
                """);
        Files.writeString(haDir.resolve("haresources"), "x1 IPaddr2::10.0.0.100/24/eth0\n");
        Files.writeString(haDir.resolve("authkeys"), "auth 1\n1 sha1 secret-for-tests\n");
        Files.setPosixFilePermissions(haDir.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
        HaConfigLoader.Result loaded = HaConfigLoader.load(HaConfigLoader.Options.of(haDir, Optional.of("x1"), Set.of("IPaddr2")));
        assertTrue(loaded.valid(), loaded.problems()::toString);
        Map<String, String> env = ScriptEnvironment.of(loaded.config().orElseThrow()).variables();
        assertEquals("/var/log/ha-log", env.get("HA_LOGFILE"));
        assertEquals("/var/log/ha-debug", env.get("HA_DEBUGLOG"));
        assertEquals("daemon", env.get("HA_LOGFACILITY"));
        assertEquals("yes", env.get("HA_NICEFAILBACK"));
        assertEquals(haDir.resolve("shellfuncs").toString(), env.get("HA_FUNCS"));
    }

    @Test
    void legacyModeSetsNoNiceFailbackVariable() throws IOException {
        Path record = dir.resolve("record");
        Path script = script("TestRsc", "echo \"[${HA_NICEFAILBACK-unset}]\" > " + record);
        var agent = new HeartbeatScriptAgent(script, environment(AutoFailback.LEGACY), ScriptTimeouts.DEFAULT);
        assertTrue(agent.stop(context(), Map.of()).isSuccess());
        assertEquals(List.of("[unset]"), Files.readAllLines(record));
    }

    @Test
    void heartbeatScriptStartAndStopSucceedOnlyOnExitZero() throws IOException {
        Path script = script("TestRsc", "case \"$1\" in start) exit 0;; stop) exit 3;; esac");
        HeartbeatScriptAgent agent = heartbeat(script);
        assertTrue(agent.start(context(), Map.of()).isSuccess());
        ActionResult stop = agent.stop(context(), Map.of());
        assertEquals(OcfResult.ERR_GENERIC, stop.result());
        assertEquals("Return code 3 from " + script, stop.reason());
    }

    /** heartbeat-config §5.2 and the status texts of common agents (resource-agents §10). */
    @ParameterizedTest(name = "[{0}] exit {1} -> running {2}")
    @CsvSource(delimiter = '|', textBlock = """
            INFO:  Running OK                                   | 0 | true
            INFO:  Resource is stopped                          | 0 | false
            master running                                      | 3 | true
            master stopped                                      | 0 | false
            httpd is running                                    | 0 | true
            httpd is not running                                | 3 | false
            ALL NOT Running                                     | 0 | false
            is not currently running                            | 0 | false
            Running                                             | 0 | true
            OK                                                  | 1 | true
            ok                                                  | 0 | false
            ''                                                  | 0 | false
            stopped                                             | 0 | false
            notrunning                                          | 0 | true
            Active: active (running) since Sun                  | 0 | true
            Active: inactive (dead)                             | 3 | false
            """)
    void statusIsReadFromStdoutAndTheExitCodeIsIgnored(String output, int exit, boolean running) throws IOException {
        Path script = script("TestRsc", "printf '%s\\n' '" + output + "'\nexit " + exit);
        ActionResult expected = running ? ActionResult.success() : ActionResult.notRunning();
        assertEquals(expected, heartbeat(script).monitor(context(), Map.of()));
        assertEquals(expected, lsb(script).monitor(context(), Map.of()));
    }

    @Test
    void runningPrintedOnStderrOnlyCountsAsNotRunning() throws IOException {
        // What ldirectord does: Heartbeat never sees it as running.
        Path script = script("ldirectord", "echo 'ldirectord for /etc/ha.d/ldirectord.cf is running with pid: 42' >&2");
        assertEquals(ActionResult.notRunning(), heartbeat(script).monitor(context(), Map.of()));
    }

    @Test
    void statusSeesTheStatusActionAndArguments() throws IOException {
        Path script = script("LVSSyncDaemonSwap", "[ \"$*\" = 'master status' ] && echo 'master running'");
        HeartbeatScriptAgent agent = heartbeat(script);
        assertEquals(ActionResult.success(), agent.monitor(context(), agent.parameters(List.of("master"))));
        assertEquals(ActionResult.notRunning(), agent.monitor(context(), agent.parameters(List.of("backup"))));
    }

    @ParameterizedTest(name = "{0} exit {1} -> {2}")
    @CsvSource(textBlock = """
            start, 0, SUCCESS
            start, 1, ERR_GENERIC
            start, 2, ERR_ARGS
            start, 3, ERR_UNIMPLEMENTED
            start, 4, ERR_PERM
            start, 5, ERR_INSTALLED
            start, 6, ERR_CONFIGURED
            start, 7, ERR_GENERIC
            start, 150, ERR_GENERIC
            stop, 0, SUCCESS
            stop, 1, ERR_GENERIC
            stop, 7, SUCCESS
            """)
    void lsbExitCodes(String action, int exit, OcfResult expected) throws IOException {
        Path script = script("lvs", "exit " + exit);
        LsbScriptAgent agent = lsb(script);
        ActionResult result = action.equals("start") ? agent.start(context(), Map.of()) : agent.stop(context(), Map.of());
        assertEquals(expected, result.result());
        if (expected != OcfResult.SUCCESS) {
            assertEquals("Return code " + exit + " from " + script, result.reason());
        }
    }

    @Test
    void lsbScriptWithoutAStatusActionIsNeverRunningSoItIsAlwaysStarted() throws IOException {
        // Seed 004's lvs script: start and stop only, silent exit 0 for anything else.
        Path script = script("lvs", "case \"$1\" in start) ;; stop) ;; esac\nexit 0");
        assertEquals(ActionResult.notRunning(), lsb(script).monitor(context(), Map.of()));
    }

    @Test
    void aHungScriptIsKilledWithEverythingItStartedAndCountsAsFailed() throws IOException {
        Path pidFile = dir.resolve("child.pid");
        Path script = script("Hang", "sleep 600 &\necho $! > " + pidFile + "\nwait");
        var agent = new HeartbeatScriptAgent(script, ScriptEnvironment.empty(), ScriptTimeouts.all(Duration.ofSeconds(3)));
        ActionResult result = agent.start(context(), Map.of());
        assertEquals(OcfResult.ERR_GENERIC, result.result());
        assertTrue(result.reason().contains("timed out"), result.reason());
        long child = readPid(pidFile);
        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) == false);
        ActionResult status = agent.monitor(context(), Map.of());
        assertEquals(OcfResult.ERR_GENERIC, status.result(), "a status that hangs is a failure, not 'stopped'");
    }

    @Test
    void interruptingTheCallerKillsTheScript() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Path script = script("Hang", "sleep 600 &\necho $! > " + pidFile + "\nwait");
        HeartbeatScriptAgent agent = heartbeat(script);
        AtomicReference<ActionResult> result = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> result.set(agent.stop(context(), Map.of())));
        long child = readPid(pidFile);
        caller.interrupt();
        caller.join(Duration.ofSeconds(30));
        assertFalse(caller.isAlive());
        assertEquals(OcfResult.ERR_GENERIC, result.get().result());
        assertTrue(result.get().reason().contains("interrupted"), result.get().reason());
        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) == false);
    }

    @Test
    void aDaemonLeftRunningWithTheScriptsOutputDoesNotHoldUpTheCall() throws IOException {
        Path pidFile = dir.resolve("daemon.pid");
        Path script = script("Daemon", "sleep 600 &\necho $! > " + pidFile + "\necho started\nexit 0");
        ActionResult result = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> heartbeat(script).start(context(), Map.of()));
        assertTrue(result.isSuccess());
        assertTrue(ProcessHandle.of(readPid(pidFile)).map(ProcessHandle::isAlive).orElse(false),
                "a daemon started by a successful start is left alone");
    }

    @Test
    void scriptsReadNothingFromStdin() throws IOException {
        Path script = script("Reader", "read line && exit 1\nexit 0");
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(30), () -> heartbeat(script).start(context(), Map.of())).isSuccess());
    }

    @Test
    void aMissingOrNonExecutableScriptCannotBeLocated() throws IOException {
        Path missing = dir.resolve("Gone");
        ActionResult result = heartbeat(missing).start(context(), Map.of());
        assertEquals(OcfResult.ERR_INSTALLED, result.result());
        assertEquals("Cannot locate resource script Gone", result.reason());
        Path plain = dir.resolve("Plain");
        Files.writeString(plain, "#!/bin/sh\nexit 0\n");
        assertEquals(OcfResult.ERR_INSTALLED, lsb(plain).monitor(context(), Map.of()).result());
        assertEquals(ActionResult.success(), lsb(script("Ok", "exit 0")).validate(context(), Map.of()));
    }

    @Test
    void parametersAreTheNumberedPositionalArguments() throws IOException {
        HeartbeatScriptAgent agent = heartbeat(script("TestRsc", "exit 0"));
        assertEquals(Map.of("1", "a", "2", "b::c"), agent.parameters(List.of("a", "b::c")));
        assertEquals(OcfResult.ERR_ARGS, agent.validate(context(), Map.of("2", "x")).result());
        assertTrue(agent.metaData().contains("<resource-agent name=\"TestRsc\">"), agent.metaData());
        assertEquals(Duration.ofSeconds(20), agent.timeout("status"));
    }

    @Test
    void factoryMakesTheAgentForTheResourcesKind() throws IOException {
        Path script = script("lvs", "exit 0");
        ResourceSpec spec = new ResourceSpec("lvs", "lvs", List.of(), false);
        assertInstanceOf(LsbScriptAgent.class, ScriptAgents.forResource(
                new ResolvedResource(spec, ResourceKind.LSB_SCRIPT, Optional.of(script)), ScriptEnvironment.empty(), ScriptTimeouts.DEFAULT));
        assertInstanceOf(HeartbeatScriptAgent.class, ScriptAgents.forResource(
                new ResolvedResource(spec, ResourceKind.HEARTBEAT_SCRIPT, Optional.of(script)), ScriptEnvironment.empty(), ScriptTimeouts.DEFAULT));
        ResolvedResource builtIn = new ResolvedResource(
                new ResourceSpec("IPaddr2::10.0.0.5", "IPaddr2", List.of("10.0.0.5"), false), ResourceKind.BUILT_IN, Optional.empty());
        assertFalse(ScriptAgents.isScript(builtIn));
        assertThrows(IllegalArgumentException.class,
                () -> ScriptAgents.forResource(builtIn, ScriptEnvironment.empty(), ScriptTimeouts.DEFAULT));
    }
}
