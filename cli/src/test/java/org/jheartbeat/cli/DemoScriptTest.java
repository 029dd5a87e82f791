package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jheartbeat.cli.membership.NetnsLab;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * README's first command after {@code ./build}: the demo runs to its end, the client is served
 * by loadb1, then by loadb2 after the fault, then by loadb1 again after hb_takeover, and the
 * demo leaves no namespace behind.
 */
@Tag("netns")
class DemoScriptTest {

    private static final Path DEMO = Path.of("..", "demo").toAbsolutePath().normalize();

    @Test
    void theDemoShowsATakeoverAndAHandBackAndCleansUp() throws Exception {
        Assumptions.assumeTrue(NetnsLab.isRoot(), "needs root to create network namespaces");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("target/jheartbeat/bin/heartbeat")), "needs the build");
        ProcessBuilder builder = new ProcessBuilder(DEMO.toString()).redirectErrorStream(true);
        builder.environment().put("JHEARTBEAT_DEMO_LVS", "no"); // the LVS half is DemoLvsKernelTest's
        Process demo = builder.start();
        String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(demo.waitFor(5, TimeUnit.MINUTES), output);
        assertEquals(0, demo.exitValue(), output);
        assertTrue(output.contains("client: GET http://10.99.0.100:8080/ -> served by loadb1"), output);
        Matcher takeover = Pattern.compile("client: served by loadb2, (\\d+) ms after the fault").matcher(output);
        assertTrue(takeover.find(), output);
        assertTrue(output.contains("WARN: node loadb1: is dead"), output);
        assertTrue(output.contains("cl_status rscstatus: loadb1=none loadb2=all"), output);
        assertTrue(Pattern.compile("client: served by loadb1, \\d+ ms after the request").matcher(output).find(),
                output);
        assertTrue(output.contains("cl_status rscstatus: loadb1=all loadb2=none"), output);
        String namespaces = NetnsLab.run("ip", "netns", "list");
        assertTrue(!namespaces.contains("jhbdemo"), "the demo left namespaces behind: " + namespaces);
    }
}
