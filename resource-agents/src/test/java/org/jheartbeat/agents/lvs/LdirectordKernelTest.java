package org.jheartbeat.agents.lvs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jheartbeat.agents.kernel.ipvs.Ipvs;
import org.jheartbeat.agents.lvs.config.LdirectordConfigParser;
import org.jheartbeat.agents.lvs.config.NameResolver;
import org.jheartbeat.agents.testing.KernelLab;
import org.jheartbeat.agents.testing.InNamespace;
import org.jheartbeat.agents.testing.Namespace;
import org.jheartbeat.agents.testing.NetnsLab;
import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.OcfResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * ldirectord against the real kernel: real HTTP servers on loopback addresses, the director's
 * IPVS table in a namespace of its own, read back with the real {@code ipvsadm -L -n}.
 */
@Tag("kernel")
class LdirectordKernelTest {

    private static final Pattern DEST = Pattern.compile("->\\s+(\\S+)\\s+\\w+\\s+(\\d+)");

    @TempDir
    Path dir;

    private NetnsLab lab;
    private Namespace ns;
    private final Map<String, HttpServer> servers = new LinkedHashMap<>();
    private final Map<String, AtomicBoolean> healthy = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        KernelLab.requireIpvsKernel();
        lab = NetnsLab.create();
        ns = lab.namespace("ldir");
        ns.ip("link", "set", "lo", "up");
    }

    @AfterEach
    void tearDown() throws Exception {
        servers.values().forEach(s -> s.stop(0));
        if (lab != null) {
            lab.close();
        }
    }

    /** An HTTP real server on 127.0.0.N answering /check.html with OK while healthy. */
    private int realServer(String address) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 50);
        AtomicBoolean up = new AtomicBoolean(true);
        s.createContext("/", x -> {
            byte[] body = (up.get() ? "OK" : "maintenance").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(up.get() ? 200 : 503, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.start();
        servers.put(address, s);
        healthy.put(address, up);
        return s.getAddress().getPort();
    }

    /** {@code RIP:PORT -> weight} of one service in {@code ipvsadm -L -n}. */
    private Map<String, Integer> weights(String service) throws Exception {
        Map<String, Integer> weights = new LinkedHashMap<>();
        boolean in = false;
        for (String line : InNamespace.run(ns, "ipvsadm", "-L", "-n").split("\n")) {
            if (!line.startsWith(" ")) {
                in = line.matches("(TCP|UDP|FWM)\\s+" + Pattern.quote(service) + "\\s.*");
                continue;
            }
            Matcher m = DEST.matcher(line);
            if (in && m.find()) {
                weights.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        return weights;
    }

    private Ldirectord start(Path file) throws Exception {
        return Ldirectord.start(file, new LdirectordConfigParser.Options(NameResolver.numericOnly(), "director"),
                () -> ns.call(Ipvs::open), 64);
    }

    @Test
    void tableFollowsHealthQuiescesFallsBackRecoversAndCleansUp() throws Exception {
        int p1 = realServer("127.0.0.11");
        int p2 = realServer("127.0.0.12");
        Path file = dir.resolve("ldirectord.cf");
        Files.writeString(file, String.join("\n",
                "checktimeout=2",
                "checkinterval=1",
                "quiescent=yes",
                "virtual=10.55.0.1:80",
                "\treal=127.0.0.11:" + p1 + " masq",
                "\treal=127.0.0.12:" + p2 + " masq 2",
                "\tfallback=127.0.0.1:80 masq",
                "\tservice=http",
                "\trequest=\"check.html\"",
                "\treceive=\"OK\"",
                "") );
        String r1 = "127.0.0.11:" + p1;
        String r2 = "127.0.0.12:" + p2;

        try (Ldirectord ld = start(file)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> weights("10.55.0.1:80").equals(Map.of(r1, 1, r2, 2)));

            servers.remove("127.0.0.12").stop(0);
            await().atMost(Duration.ofSeconds(30)).until(() -> weights("10.55.0.1:80").equals(Map.of(r1, 1, r2, 0)));

            healthy.get("127.0.0.11").set(false);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> weights("10.55.0.1:80").equals(Map.of(r1, 0, r2, 0, "127.0.0.1:80", 1)));

            healthy.get("127.0.0.11").set(true);
            await().atMost(Duration.ofSeconds(30)).until(() -> weights("10.55.0.1:80").equals(Map.of(r1, 1, r2, 0)));
        }
        assertEquals(Map.of(), weights("10.55.0.1:80"), "cleanstop removed the service");
        assertTrue(!InNamespace.run(ns, "ipvsadm", "-L", "-n").contains("10.55.0.1"));
    }

    @Test
    void autoreloadChangesOnlyWhatChanged() throws Exception {
        int p1 = realServer("127.0.0.21");
        int p2 = realServer("127.0.0.22");
        Path file = dir.resolve("ldirectord.cf");
        String common = String.join("\n", "checkinterval=1", "autoreload=yes", "quiescent=no",
                "virtual=10.55.0.2:80", "\treal=127.0.0.21:" + p1 + " masq", "\tservice=http",
                "\trequest=\"check.html\"", "\treceive=\"OK\"", "\tscheduler=rr", "");
        Files.writeString(file, common);
        InNamespace.run(ns, "ipvsadm", "-A", "-u", "10.55.9.9:53", "-s", "wlc");

        try (Ldirectord ld = start(file)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> weights("10.55.0.2:80").equals(Map.of("127.0.0.21:" + p1, 1)));
            String before = InNamespace.run(ns, "ipvsadm", "-L", "-n");

            Files.writeString(file, common + String.join("\n", "virtual=10.55.0.3:80",
                    "\treal=127.0.0.22:" + p2 + " masq 5", "\tservice=http", "\trequest=\"check.html\"", ""));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> weights("10.55.0.3:80").equals(Map.of("127.0.0.22:" + p2, 5)));
            String after = InNamespace.run(ns, "ipvsadm", "-L", "-n");
            assertTrue(after.contains(section(before, "10.55.0.2:80")), "the untouched service is as it was:\n"
                    + before + "\n" + after);
            assertTrue(after.contains("UDP  10.55.9.9:53 wlc"), "a service ldirectord never configured stays");
        }
        String left = InNamespace.run(ns, "ipvsadm", "-L", "-n");
        assertTrue(left.contains("10.55.9.9:53") && !left.contains("10.55.0.2") && !left.contains("10.55.0.3"), left);
    }

    @Test
    void agentStartsMonitorsAndStopsByConfigName() throws Exception {
        int p = realServer("127.0.0.31");
        Path haDir = Files.createDirectories(dir.resolve("ha.d"));
        Files.writeString(haDir.resolve("ldirectord.cf"), String.join("\n", "checkinterval=1",
                "virtual=10.55.0.4:80", "\treal=127.0.0.31:" + p + " masq", "\tchecktype=connect", ""));
        LdirectordAgent agent = new LdirectordAgent(() -> ns.call(Ipvs::open));
        AgentContext context = new AgentContext(haDir, "director");
        Map<String, String> params = agent.parameters(java.util.List.of("ldirectord.cf"));

        assertEquals(OcfResult.NOT_RUNNING, agent.monitor(context, params).result());
        assertTrue(agent.start(context, params).isSuccess());
        assertTrue(agent.start(context, params).isSuccess(), "start when running succeeds");
        assertEquals(OcfResult.SUCCESS, agent.monitor(context, params).result());
        await().atMost(Duration.ofSeconds(30)).until(() -> weights("10.55.0.4:80").equals(Map.of("127.0.0.31:" + p, 1)));

        assertTrue(agent.stop(context, params).isSuccess());
        assertEquals(OcfResult.NOT_RUNNING, agent.monitor(context, params).result());
        assertEquals(Map.of(), weights("10.55.0.4:80"));
        assertTrue(agent.stop(context, params).isSuccess(), "stop when stopped succeeds");
    }

    private static String section(String listing, String service) {
        StringBuilder b = new StringBuilder();
        boolean in = false;
        for (String line : listing.split("\n")) {
            if (!line.startsWith(" ")) {
                in = line.contains(service);
            }
            if (in) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }
}
