package org.jheartbeat.agents.lvs.check;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** The ftp negotiate check against a small real FTP server (control and passive data connection). */
class FtpCheckTest {

    private final HealthChecks checks = new HealthChecks(Tls.unverified(), "director.test");
    private final List<String> commands = new CopyOnWriteArrayList<>();

    private CheckResult check(int port, String... extra) throws InterruptedException {
        return checks.run(Targets.of("10.0.0.1:21", List.of(extra), "real=127.0.0.1:" + port + " gate",
                "negotiatetimeout=2"));
    }

    /** Knows user "checker" with password "pw" and anonymous logins; serves /health.txt. */
    private void ftp(BufferedReader in, PrintWriter out) throws IOException {
        out.print("220 ftp.test ready\r\n");
        out.flush();
        String user = null;
        ServerSocket passive = null;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                commands.add(line);
                String reply;
                if (line.startsWith("USER ")) {
                    user = line.substring(5);
                    reply = "331 password please";
                } else if (line.startsWith("PASS ")) {
                    boolean ok = "anonymous".equals(user) || ("checker".equals(user) && line.equals("PASS pw"));
                    reply = ok ? "230 logged in" : "530 Login incorrect.";
                } else if (line.equals("CWD /")) {
                    reply = "250 ok";
                } else if (line.equals("TYPE I")) {
                    reply = "200 binary";
                } else if (line.equals("PASV")) {
                    passive = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    int p = passive.getLocalPort();
                    // The announced address is one the check must not use (it connects to the real).
                    reply = "227 Entering Passive Mode (192,0,2,99," + (p / 256) + "," + (p % 256) + ")";
                } else if (line.startsWith("RETR ") && passive != null) {
                    out.print("150 opening data connection\r\n");
                    out.flush();
                    try (Socket data = passive.accept(); OutputStream d = data.getOutputStream()) {
                        d.write(line.equals("RETR /health.txt") ? "status: healthy\n".getBytes(StandardCharsets.US_ASCII)
                                : "no such file\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    reply = "226 transfer complete";
                } else if (line.equals("QUIT")) {
                    out.print("221 bye\r\n");
                    out.flush();
                    return;
                } else {
                    reply = "502 command unknown to this test server";
                }
                out.print(reply + "\r\n");
                out.flush();
            }
        } finally {
            if (passive != null) {
                passive.close();
            }
        }
    }

    @Test
    void anonymousLoginIsEnoughWithoutAReceiveString() throws Exception {
        try (LinePeer server = new LinePeer(this::ftp)) {
            assertEquals(CheckResult.up("Success"), check(server.port()));
            // The server may read the QUIT after the check is over.
            await().atMost(Duration.ofSeconds(10)).until(() -> commands.contains("QUIT"));
            assertEquals(List.of("USER anonymous", "PASS ldirectord@director.test", "QUIT"), List.copyOf(commands));
        }
    }

    @Test
    void theRequestedFileIsDownloadedAndMatched() throws Exception {
        try (LinePeer server = new LinePeer(this::ftp)) {
            assertEquals(CheckResult.up("Success"), check(server.port(), "login=\"checker\"", "passwd=\"pw\"",
                    "request=\"health.txt\"", "receive=\"status: healthy\""));
            assertTrue(commands.contains("RETR /health.txt"), commands.toString());
            assertEquals(CheckResult.down("Response mismatch"), check(server.port(), "request=\"health.txt\"",
                    "receive=\"status: degraded\""));
        }
    }

    @Test
    void downOnWrongPasswordWrongServiceRefusedAndSilence() throws Exception {
        try (LinePeer server = new LinePeer(this::ftp);
             LinePeer smtp = new LinePeer((in, out) -> out.print("554 no ftp here\r\n"));
             LinePeer silent = LinePeer.silent()) {
            assertEquals(CheckResult.down("530 Login incorrect."),
                    check(server.port(), "login=\"checker\"", "passwd=\"wrong\""));
            assertEquals(CheckResult.down("554 no ftp here"), check(smtp.port()));
            assertEquals(CheckResult.down("Connection timed out"), check(silent.port()));
            assertEquals(CheckResult.down("Connection failed"), check(LinePeer.refusedPort()));
        }
    }
}
