package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jheartbeat.agents.testing.KernelLab;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The LVS half of README's demo, on a kernel with IPVS: the client is served by both real
 * servers through the VIP, a stopped real server leaves the table and comes back, the peer
 * director takes over, and nothing is left behind.
 */
@Tag("kernel")
class DemoLvsKernelTest {

    private static final Path DEMO_LVS = Path.of("..", "tools", "demo-lvs").toAbsolutePath().normalize();

    @BeforeEach
    void kernel() {
        KernelLab.requireIpvsKernel();
    }

    @Test
    void theDirectorsBalanceOverTheHealthyRealServersAndSurviveADeath() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("target/jheartbeat/bin/heartbeat")), "needs the build");
        Process demo = new ProcessBuilder(DEMO_LVS.toString()).redirectErrorStream(true).start();
        String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(demo.waitFor(10, TimeUnit.MINUTES), output);
        assertEquals(0, demo.exitValue(), output);
        assertTrue(Pattern.compile("TCP  10\\.99\\.0\\.100:80 rr\\s*\\n\\s*-> 10\\.99\\.0\\.21:80\\s+Route\\s+1")
                .matcher(output).find(), output);
        assertTrue(answers(output, "client, 6 requests to http://10.99.0.100/: ").matches("(real[12] ?){6}")
                && answers(output, "client, 6 requests to http://10.99.0.100/: ").contains("real1")
                && answers(output, "client, 6 requests to http://10.99.0.100/: ").contains("real2"), output);
        assertTrue(output.contains("Deleted real server: 10.99.0.22:80 (10.99.0.100:80)"), output);
        assertTrue(output.contains("Added real server: 10.99.0.22:80 (10.99.0.100:80)"), output);
        assertTrue(Pattern.compile("client is served through loadb2 \\d+ ms after the fault").matcher(output).find(),
                output);
        assertTrue(output.contains("WARN: node loadb1: is dead"), output);
        assertTrue(output.contains("IPVS services left on loadb2: 0"), output);
    }

    /** The answers printed after the first {@code label}. */
    private static String answers(String output, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "(.*)").matcher(output);
        return m.find() ? m.group(1).strip() : "";
    }
}
