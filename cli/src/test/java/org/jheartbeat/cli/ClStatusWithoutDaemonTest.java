package org.jheartbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jheartbeat.core.control.ControlServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cl_status of the built distribution when no daemon answers: stopped, and hung (the 5 s alarm). */
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
    void aDaemonThatAcceptsButNeverAnswersEndsInExit12() throws Exception {
        // A real socket that accepts connections (the kernel does, from the backlog) and never replies.
        try (ServerSocketChannel hung = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            hung.bind(UnixDomainSocketAddress.of(dir.resolve(ControlServer.SOCKET_NAME)));
            Launched run = cl("listnodes");
            assertEquals(12, run.exit(), run.describe());
            assertEquals("", run.out());
        }
        assertTrue(Files.notExists(dir.resolve("x")));
    }
}
