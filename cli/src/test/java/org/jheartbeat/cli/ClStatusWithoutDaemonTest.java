package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jheartbeat.core.control.ControlServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cl_status of the built distribution when no daemon answers: stopped, refusing us (socket
 * permissions), and hung (the 5 s alarm).
 */
class ClStatusWithoutDaemonTest {

    @TempDir
    Path dir;

    private Launched cl(String... args) throws Exception {
        return Launched.run(Map.of("JHEARTBEAT_RUN_DIR", dir.toString()), "cl_status", args);
    }

    @Test
    void withNoDaemonHbstatusSaysStoppedAndTheOthersCannotSignOn() throws Exception {
        Launched hbstatus = cl("hbstatus");
        assertEquals(1, hbstatus.exit(), hbstatus.describe());
        assertEquals("Heartbeat is stopped on this machine.\n", hbstatus.out());
        Launched rsc = cl("rscstatus");
        assertEquals(1, rsc.exit(), rsc.describe());
        assertEquals("", rsc.out());
        assertTrue(rsc.err().matches("(?s)[A-Z][a-z]{2} \\d{2} [0-9:]{8} \\S+ cl_status: \\[\\d+\\]: ERROR: Cannot signon"
                + " with heartbeat\n.*ERROR: REASON: hb_api_signon: Can't initiate connection to heartbeat\n"),
                rsc.describe());
        Launched bogus = cl("bogus");
        assertEquals(11, bogus.exit(), "an unknown sub-command is a parameter error even without a daemon");
    }

    @Test
    void aUserOutsideRootAndHaclientIsRefusedAndHbstatusSaysSo() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run cl_status as nobody");
        List<String> asNobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env",
                "JHEARTBEAT_RUN_DIR=" + dir);
        assumeTrue(new ProcessBuilder(concat(asNobody, Launched.BIN.resolve("cl_status").toString(), "-h"))
                .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start().waitFor() == 0,
                "the distribution is not readable by nobody here");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ControlServer server = ControlServer.start(dir, request -> "ok\n")) {
            Process p = new ProcessBuilder(concat(asNobody, Launched.BIN.resolve("cl_status").toString(), "hbstatus",
                    "-v")).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertEquals("Heartbeat is apparently running on this machine, but refuses my connection\n"
                    + "(hb_api_signon: Can't initiate connection to heartbeat: Permission denied)\n", out);
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    @Test
    void aDaemonThatAcceptsButNeverAnswersEndsInExit12() throws Exception {
        // A real socket that accepts connections (the kernel does, from the backlog) and never replies.
        try (ServerSocketChannel hung = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            hung.bind(UnixDomainSocketAddress.of(dir.resolve(ControlServer.SOCKET_NAME)));
            Launched run = cl("listnodes");
            assertEquals(12, run.exit(), run.describe());
            assertEquals("", run.out());
        }
    }
}
