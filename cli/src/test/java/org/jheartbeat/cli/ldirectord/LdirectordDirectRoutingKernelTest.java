package org.jheartbeat.cli.ldirectord;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.jheartbeat.agents.testing.DirectRoutingLab;
import org.jheartbeat.agents.testing.InNamespace;
import org.jheartbeat.agents.testing.KernelLab;
import org.jheartbeat.agents.testing.Namespace;
import org.jheartbeat.cli.IpvsListCommand;
import org.jheartbeat.cli.Launched;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * The whole LVS-DR path with the built {@code ldirectord} command: a client, a director running
 * {@code ldirectord -d ldirectord.cf start} against the kernel's IPVS, three web real servers and
 * a "sorry" fallback server, each in its own namespace. The client sends real requests through
 * the VIPs and notes who answered while real servers die and come back, and while an edited
 * file is reloaded under a long-lived connection.
 */
@Tag("kernel")
class LdirectordDirectRoutingKernelTest {

    private static final String VIP_QUIESCENT = "10.88.0.50";
    private static final String VIP_REMOVING = "10.88.0.51";
    private static final String VIP_ADDED = "10.88.0.52";
    private static final Map<String, String> REALS = Map.of("rs1", "10.88.0.21", "rs2", "10.88.0.22",
            "rs3", "10.88.0.23");
    private static final String SORRY = "10.88.0.29";
    /** Generous: the lab emulates the CPU, and a JVM starts in it in seconds, not milliseconds. */
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(100);
    /**
     * HTTP checks may take up to 5 s: in the emulated lab on a busy host a JVM can stall for over
     * a second, and with 1 s every real flapped. A killed server refuses at once, so detection
     * still takes about one interval.
     */
    private static final String NEGOTIATE_TIMEOUT = "negotiatetimeout=5";

    @TempDir
    Path dir;

    private DirectRoutingLab lab;
    private Namespace director;
    private LabClient client;
    private final Map<String, WebRealServer> servers = new LinkedHashMap<>();
    private LdirectordProcess ldirectord;

    @BeforeEach
    void topology() throws Exception {
        KernelLab.requireIpvsKernel();
        lab = DirectRoutingLab.create(List.of(VIP_QUIESCENT, VIP_REMOVING, VIP_ADDED));
        client = new LabClient(lab.node("client", "10.88.0.100"));
        director = lab.director("dir", "10.88.0.11");
        for (Map.Entry<String, String> rs : new java.util.TreeMap<>(REALS).entrySet()) {
            servers.put(rs.getKey(), WebRealServer.start(lab.realServer(rs.getKey(), rs.getValue()), rs.getKey()));
        }
        servers.put("sorry", WebRealServer.start(lab.realServer("sorry", SORRY), "sorry"));
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (ldirectord != null) {
                ldirectord.close();
                System.out.println("--- ldirectord log:\n" + ldirectord.log());
            }
        } finally {
            for (WebRealServer s : servers.values()) {
                s.close();
            }
            if (lab != null) {
                lab.close();
            }
        }
    }

    private String ipvsadm() throws Exception {
        return InNamespace.run(director, "ipvsadm", "-L", "-n");
    }

    private IpvsSections table() throws Exception {
        return IpvsSections.parse(ipvsadm());
    }

    /** Our own listing ({@code ldirectord --ipvs-list -n}), read in the director's namespace. */
    private String ipvsList() throws Exception {
        return director.call(() -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine command = IpvsListCommand.commandLine();
            command.setOut(new PrintWriter(out));
            command.setErr(new PrintWriter(err));
            assertEquals(0, command.execute("-n"), err::toString);
            return out.toString();
        });
    }

    private static String real(String name) {
        return REALS.get(name) + ":80";
    }

    private LdirectordProcess startLdirectord(Path config) throws Exception {
        ldirectord = LdirectordProcess.start(director, config, dir);
        return ldirectord;
    }

    /** Waits until the table satisfies {@code condition}; returns how long that took from {@code since}. */
    private long awaitTable(long since, Predicate<IpvsSections> condition) {
        await().atMost(PATIENCE).pollInterval(POLL).ignoreExceptions().until(() -> condition.test(table()));
        return (System.nanoTime() - since) / 1_000_000;
    }

    /** Waits until new connections to {@code vip} are answered by exactly {@code expected}, each at least once. */
    private Map<String, Integer> awaitAnsweredBy(String vip, Set<String> expected) {
        List<Map<String, Integer>> last = new ArrayList<>(List.of(Map.of()));
        await().atMost(PATIENCE).pollInterval(POLL).ignoreExceptions().until(() -> {
            last.set(0, client.spread(vip, 3 * expected.size()));
            return last.getFirst().keySet().equals(expected);
        });
        return last.getFirst();
    }

    @Test
    void trafficFollowsHealthQuiescingRemovingFallingBackAndRecovering() throws Exception {
        Path config = dir.resolve("ldirectord.cf");
        List<String> lines = new ArrayList<>(List.of("checktimeout=1", NEGOTIATE_TIMEOUT, "checkinterval=1",
                "autoreload=no"));
        for (String vip : List.of(VIP_QUIESCENT, VIP_REMOVING)) {
            lines.add("virtual=" + vip + ":80");
            REALS.keySet().stream().sorted().forEach(rs -> lines.add("\treal=" + real(rs) + " gate"));
            lines.addAll(List.of("\tfallback=" + SORRY + ":80 gate", "\tservice=http", "\trequest=\"health\"",
                    "\treceive=\"OK\"", "\tscheduler=rr", "\tquiescent=" + (vip.equals(VIP_QUIESCENT) ? "yes" : "no")));
        }
        Files.write(config, lines);
        Map<String, Integer> allUp = Map.of(real("rs1"), 1, real("rs2"), 1, real("rs3"), 1);
        startLdirectord(config);

        // all healthy: every real server serves clients, through both VIPs
        awaitTable(System.nanoTime(), t -> t.weights(VIP_QUIESCENT + ":80").equals(allUp)
                && t.weights(VIP_REMOVING + ":80").equals(allUp));
        Set<String> everyone = Set.of("rs1", "rs2", "rs3");
        System.out.println("all healthy, answers: " + awaitAnsweredBy(VIP_QUIESCENT, everyone) + " "
                + awaitAnsweredBy(VIP_REMOVING, everyone));

        // rs2 dies: weight 0 where quiescent=yes, removed where quiescent=no; new requests avoid it
        long killed = System.nanoTime();
        servers.get("rs2").kill();
        long took = awaitTable(killed, t -> t.weights(VIP_QUIESCENT + ":80")
                .equals(Map.of(real("rs1"), 1, real("rs2"), 0, real("rs3"), 1))
                && t.weights(VIP_REMOVING + ":80").equals(Map.of(real("rs1"), 1, real("rs3"), 1)));
        System.out.printf("rs2 killed: quiesced and removed after %d ms (checkinterval 1 s + checktimeout 1 s)%n",
                took);
        assertEquals(Set.of("rs1", "rs3"), client.spread(VIP_QUIESCENT, 6).keySet(), "weight 0 gets no new client");
        assertEquals(Set.of("rs1", "rs3"), client.spread(VIP_REMOVING, 6).keySet(), "a removed real gets no client");

        // all die: the fallback (weight 1) serves; quiesced reals stay with weight 0
        long allKilled = System.nanoTime();
        servers.get("rs1").kill();
        servers.get("rs3").kill();
        took = awaitTable(allKilled, t -> t.weights(VIP_QUIESCENT + ":80").equals(Map.of(real("rs1"), 0,
                real("rs2"), 0, real("rs3"), 0, SORRY + ":80", 1))
                && t.weights(VIP_REMOVING + ":80").equals(Map.of(SORRY + ":80", 1)));
        System.out.printf("all real servers killed: fallback in after %d ms%n", took);
        assertEquals(Map.of("sorry", 4), client.spread(VIP_QUIESCENT, 4));
        assertEquals(Map.of("sorry", 4), client.spread(VIP_REMOVING, 4));

        // rs3 comes back: the fallback goes, rs3 serves everyone
        long revived = System.nanoTime();
        servers.get("rs3").revive();
        took = awaitTable(revived, t -> t.weights(VIP_QUIESCENT + ":80").equals(Map.of(real("rs1"), 0,
                real("rs2"), 0, real("rs3"), 1))
                && t.weights(VIP_REMOVING + ":80").equals(Map.of(real("rs3"), 1)));
        System.out.printf("rs3 back: in service and fallback out after %d ms%n", took);
        assertEquals(Map.of("rs3", 4), client.spread(VIP_QUIESCENT, 4));
        assertEquals(Map.of("rs3", 4), client.spread(VIP_REMOVING, 4));

        String log = ldirectord.log();
        for (String expected : List.of(
                "Quiescent real server: " + real("rs2") + " (" + VIP_QUIESCENT + ":80) (Weight set to 0)",
                "Deleted real server: " + real("rs2") + " (" + VIP_REMOVING + ":80)",
                "Added fallback server: " + SORRY + ":80 (" + VIP_REMOVING + ":80) (Weight set to 1)",
                "Deleted fallback server: " + SORRY + ":80 (" + VIP_QUIESCENT + ":80)")) {
            assertTrue(log.contains(expected), "log has '" + expected + "':\n" + log);
        }

        System.out.println("ldirectord exit status after SIGTERM: " + ldirectord.stop());
        IpvsSections after = table();
        assertEquals(Set.of(""), after.sections().keySet(), "cleanstop removed both services:\n" + ipvsadm());
    }

    @Test
    void backgroundDaemonRunsWithTheLaunchersJvmOptionsAndStopsOnRequest() throws Exception {
        Path config = dir.resolve("ldirectord.cf");
        Files.write(config, List.of("checktimeout=1", NEGOTIATE_TIMEOUT, "checkinterval=1",
                "virtual=" + VIP_QUIESCENT + ":80", "\treal=" + real("rs1") + " gate", "\treal=" + real("rs2") + " gate",
                "\tservice=http", "\trequest=\"health\"", "\treceive=\"OK\"", "\tscheduler=rr"));
        Path pidFile = LdirectordProcess.runDir(dir).resolve("ldirectord.ldirectord.cf.pid");
        long pid = -1;
        try {
            Launched start = LdirectordProcess.run(director, dir, config.toString(), "start");
            assertEquals(0, start.exit(), start.describe());
            await().atMost(PATIENCE).pollInterval(POLL).until(() -> Files.isRegularFile(pidFile)
                    && !Files.readString(pidFile).isBlank());
            pid = Long.parseLong(Files.readString(pidFile).strip());
            Launched status = LdirectordProcess.run(director, dir, config.toString(), "status");
            assertEquals(new Launched(0, "", "ldirectord for " + config + " is running with pid: " + pid + "\n"),
                    status, status.describe());
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
            assertTrue(cmdline.contains(" -Xmx192m ") && cmdline.contains(" -XX:+UseSerialGC "),
                    "the daemon runs with the launcher's heap cap and collector: " + cmdline);

            awaitTable(System.nanoTime(), t -> t.weights(VIP_QUIESCENT + ":80").equals(Map.of(real("rs1"), 1,
                    real("rs2"), 1)));
            awaitAnsweredBy(VIP_QUIESCENT, Set.of("rs1", "rs2"));

            Launched stop = LdirectordProcess.run(director, dir, config.toString(), "stop");
            assertEquals(0, stop.exit(), stop.describe());
            long stopped = pid;
            await().atMost(PATIENCE).pollInterval(POLL).until(() -> ProcessHandle.of(stopped).isEmpty()
                    && !Files.exists(pidFile));
            assertEquals(Set.of(""), table().sections().keySet(), "cleanstop removed the service:\n" + ipvsadm());
        } finally {
            if (pid > 0) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // only the daemon this test started
            }
        }
    }

    /** An {@code ipvsadm -L -n} real-server line with another weight (same column width). */
    private static String withWeight(String line, int weight) {
        return line.replaceFirst("(Route\\s+)\\d+ ", "$1" + weight + " ");
    }

    @Test
    void autoreloadChangesOnlyWhatChangedAndKeepsUntouchedConnections() throws Exception {
        Path config = dir.resolve("ldirectord.cf");
        List<String> globals = List.of("checktimeout=1", NEGOTIATE_TIMEOUT, "checkinterval=1", "autoreload=yes",
                "quiescent=no");
        List<String> web = List.of("\tservice=http", "\trequest=\"health\"", "\treceive=\"OK\"");
        List<String> echo = new ArrayList<>(List.of("virtual=" + VIP_REMOVING + ":" + WebRealServer.ECHO_PORT,
                "\treal=" + REALS.get("rs1") + ":" + WebRealServer.ECHO_PORT + " gate",
                "\treal=" + REALS.get("rs2") + ":" + WebRealServer.ECHO_PORT + " gate",
                "\tscheduler=rr", "\tcheckport=80"));
        echo.addAll(web);
        List<String> first = new ArrayList<>(globals);
        first.addAll(List.of("virtual=" + VIP_QUIESCENT + ":80", "\treal=" + real("rs1") + " gate 1",
                "\treal=" + real("rs2") + " gate 1"));
        first.addAll(web);
        first.addAll(echo);
        Files.write(config, first);
        String edited = VIP_QUIESCENT + ":80";
        String untouched = VIP_REMOVING + ":" + WebRealServer.ECHO_PORT;
        String added = VIP_ADDED + ":80";
        startLdirectord(config);

        awaitTable(System.nanoTime(), t -> t.weights(edited).equals(Map.of(real("rs1"), 1, real("rs2"), 1))
                && t.weights(untouched).size() == 2);
        LabClient.Connection longLived = client.connect(VIP_REMOVING, WebRealServer.ECHO_PORT);
        String answer = longLived.say("hello");
        String holder = answer.split(" ")[0];
        assertEquals(holder + " hello", answer);
        // its connection shows as ActiveConn 1 on the real that holds it
        awaitTable(System.nanoTime(), t -> t.section(untouched).stream().anyMatch(l -> l.matches(".*Route\\s+1\\s+1\\s+0\\s*")));
        String before = ipvsadm();
        assertEquals(before, ipvsList(), "our listing equals ipvsadm's before the reload");

        // edit: a weight changes, a real is added, a virtual service is added; the echo service is as it was
        List<String> second = new ArrayList<>(globals);
        second.addAll(List.of("virtual=" + edited, "\treal=" + real("rs1") + " gate 3",
                "\treal=" + real("rs2") + " gate 1", "\treal=" + real("rs3") + " gate 2"));
        second.addAll(web);
        second.addAll(echo);
        second.addAll(List.of("virtual=" + added, "\treal=" + real("rs1") + " gate", "\treal=" + real("rs3") + " gate"));
        second.addAll(web);
        Files.write(config, second);

        long edit = System.nanoTime();
        long took = awaitTable(edit, t -> t.weights(edited).equals(Map.of(real("rs1"), 3, real("rs2"), 1, real("rs3"), 2))
                && t.weights(added).equals(Map.of(real("rs1"), 1, real("rs3"), 1)));
        System.out.printf("autoreload applied after %d ms%n", took);
        String after = ipvsadm();
        assertEquals(after, ipvsList(), "our listing equals ipvsadm's after the reload");

        // exactly the edited lines differ: expected = before with the edits applied by hand, new
        // lines made from ipvsadm's own lines (the addresses have the same length, so the columns hold)
        IpvsSections was = IpvsSections.parse(before);
        String rs1Line = was.section(edited).stream().filter(l -> l.startsWith("  -> " + real("rs1") + " "))
                .findFirst().orElseThrow();
        List<String> editedSection = new ArrayList<>();
        for (String line : was.section(edited)) {
            editedSection.add(line.equals(rs1Line) ? withWeight(line, 3) : line);
        }
        editedSection.add(withWeight(rs1Line.replace(real("rs1"), real("rs3")), 2));
        List<String> addedSection = List.of(was.section(edited).getFirst().replace(edited, added), rs1Line,
                rs1Line.replace(real("rs1"), real("rs3")));
        IpvsSections expected = was.with(edited, editedSection).with(added, addedSection);
        assertEquals(expected.unordered(), IpvsSections.parse(after).unordered(),
                "only the edits differ:\n--- before\n" + before + "--- after\n" + after);
        assertEquals(was.section(untouched), IpvsSections.parse(after).section(untouched),
                "the untouched service's lines, its connection counter included, are as they were");

        // the long-lived connection through the untouched service still works, on the same server
        assertEquals(holder + " again", longLived.say("again"));
        longLived.close();
        // and the changes serve clients: the new real and the new service answer
        awaitAnsweredBy(VIP_ADDED, Set.of("rs1", "rs3"));
        Map<String, Integer> weighted = awaitAnsweredBy(VIP_QUIESCENT, Set.of("rs1", "rs2", "rs3"));
        System.out.println("after the reload, " + edited + " answers: " + weighted);

        String log = ldirectord.log();
        assertTrue(log.contains("Configuration file '" + config + "' has changed on disk"), log);
        assertTrue(log.contains(" - reread new configuration"), log);
        assertTrue(log.contains("Added virtual server: " + added), log);
        assertTrue(!log.contains("Changed virtual server: " + untouched) && !log.contains("Purged"), log);
    }
}
