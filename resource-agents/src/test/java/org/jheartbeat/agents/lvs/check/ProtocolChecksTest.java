package org.jheartbeat.agents.lvs.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The line-protocol, DNS and external checks, each against a small real peer speaking the
 * protocol: healthy, wrong answer, refused, silent.
 */
class ProtocolChecksTest {

    private final HealthChecks checks = new HealthChecks(Tls.unverified(), "director.test");

    private CheckResult check(String service, int port, String... extra) throws InterruptedException {
        return checks.run(Targets.of("10.0.0.1:9999", List.of(extra), "real=127.0.0.1:" + port + " gate",
                "service=" + service, "negotiatetimeout=1"));
    }

    private static void smtpServer(BufferedReader in, PrintWriter out) throws IOException {
        out.print("220-mail.test ESMTP\r\n220 ready\r\n");
        out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("EHLO director.test")) {
                out.print("250-mail.test\r\n250 PIPELINING\r\n");
            } else if (line.equals("QUIT")) {
                out.print("221 bye\r\n");
                out.flush();
                return;
            } else {
                out.print("500 what?\r\n");
            }
            out.flush();
        }
    }

    @Test
    void smtp() throws Exception {
        try (LinePeer good = new LinePeer(ProtocolChecksTest::smtpServer);
             LinePeer busy = new LinePeer((in, out) -> out.print("554 too busy\r\n"));
             LinePeer silent = LinePeer.silent()) {
            assertEquals(CheckResult.up("Success"), check("smtp", good.port()));
            assertEquals(CheckResult.down("554 too busy"), check("smtp", busy.port()));
            assertEquals(CheckResult.down("Connection timed out"), check("smtp", silent.port()));
            assertEquals(CheckResult.down("Connection failed"), check("smtp", LinePeer.refusedPort()));
        }
    }

    private static LinePeer pop3(String password) throws IOException {
        return new LinePeer((in, out) -> {
            out.print("+OK POP3 ready\r\n");
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.print(line.equals("USER checker") ? "+OK\r\n"
                        : line.equals("PASS " + password) ? "+OK logged in\r\n"
                        : line.equals("QUIT") ? "+OK bye\r\n" : "-ERR no\r\n");
                out.flush();
            }
        });
    }

    @Test
    void popLogsInWhenALoginIsConfigured() throws Exception {
        try (LinePeer server = pop3("s3cret")) {
            assertTrue(check("pop", server.port()).up(), "no login: the greeting is enough");
            assertTrue(check("pop", server.port(), "login=\"checker\"", "passwd=\"s3cret\"").up());
            assertEquals(CheckResult.down("-ERR no"), check("pop", server.port(), "login=\"checker\"",
                    "passwd=\"wrong\""));
        }
        try (LinePeer notPop = new LinePeer((in, out) -> out.print("220 this is smtp\r\n"))) {
            assertEquals(CheckResult.down("220 this is smtp"), check("pop", notPop.port()));
        }
    }

    @Test
    void imapLogsInWhenALoginIsConfigured() throws Exception {
        try (LinePeer server = new LinePeer((in, out) -> {
            out.print("* OK IMAP4rev1 ready\r\n");
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("a1 LOGIN \"checker\" \"pw\"")) {
                    out.print("* CAPABILITY IMAP4rev1\r\na1 OK LOGIN completed\r\n");
                } else if (line.startsWith("a1 LOGIN")) {
                    out.print("a1 NO LOGIN failed\r\n");
                } else {
                    out.print("* BYE\r\na2 OK\r\n");
                }
                out.flush();
            }
        })) {
            assertTrue(check("imap", server.port()).up());
            assertTrue(check("imap", server.port(), "login=\"checker\"", "passwd=\"pw\"").up());
            assertEquals(CheckResult.down("a1 NO LOGIN failed"),
                    check("imap", server.port(), "login=\"checker\"", "passwd=\"nope\""));
        }
    }

    @Test
    void nntpNeedsA2xxGreeting() throws Exception {
        try (LinePeer ok = new LinePeer((in, out) -> out.print("200 news.test ready\r\n"));
             LinePeer closed = new LinePeer((in, out) -> out.print("502 no permission\r\n"))) {
            assertEquals(CheckResult.up("200 news.test ready"), check("nntp", ok.port()));
            assertEquals(CheckResult.down("502 no permission"), check("nntp", closed.port()));
        }
    }

    @Test
    void simpleTcpSendsTheRequestAndMatchesAnyLine() throws Exception {
        try (LinePeer echo = new LinePeer((in, out) -> {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.print("got " + line + "\n");
            }
        })) {
            assertTrue(check("simpletcp", echo.port(), "request=\"PING\\nSTATUS\"", "receive=\"got STATUS\"").up());
            assertEquals(CheckResult.down("Response mismatch"),
                    check("simpletcp", echo.port(), "request=\"PING\"", "receive=\"PONG\""));
        }
    }

    @Test
    void dnsAsksForTheRequestNameAndMatchesTheAddress() throws Exception {
        try (DatagramSocket dns = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread responder = Thread.ofVirtual().start(() -> answerDns(dns));
            try {
                assertEquals(CheckResult.up("Success"), check("dns", dns.getLocalPort(), "protocol=udp",
                        "request=\"www.example.test\"", "receive=\"192.0.2.7\""));
                assertEquals(CheckResult.down("Response mismatch"), check("dns", dns.getLocalPort(), "protocol=udp",
                        "request=\"www.example.test\"", "receive=\"192.0.2.8\""));
                assertEquals(CheckResult.down("Response mismatch"), check("dns", dns.getLocalPort(), "protocol=udp",
                        "request=\"unknown.example.test\"", "receive=\"192.0.2.7\""));
            } finally {
                responder.interrupt();
            }
        }
        try (DatagramSocket mute = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            assertEquals(CheckResult.down("Connection timed out"), check("dns", mute.getLocalPort(), "protocol=udp",
                    "request=\"www.example.test\"", "receive=\".\""));
        }
    }

    /** A name server that knows www.example.test = 192.0.2.7 and answers NXDOMAIN otherwise. */
    private static void answerDns(DatagramSocket socket) {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket q = new DatagramPacket(buffer, buffer.length);
                socket.receive(q);
                byte[] query = Arrays.copyOf(buffer, q.getLength());
                boolean known = new String(query, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains("\3www\7example\4test\0");
                ByteBuffer a = ByteBuffer.allocate(512);
                a.put(query, 0, 2).putShort((short) (known ? 0x8180 : 0x8183)).putShort((short) 1)
                        .putShort((short) (known ? 1 : 0)).putShort((short) 0).putShort((short) 0);
                a.put(query, 12, query.length - 12);
                if (known) {
                    a.putShort((short) 0xC00C).putShort((short) 1).putShort((short) 1).putInt(60).putShort((short) 4)
                            .put(new byte[] {(byte) 192, 0, 2, 7});
                }
                socket.send(new DatagramPacket(a.array(), a.position(), q.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Test
    void externalRunsTheCommandWithLdirectordsArguments(@TempDir Path dir) throws Exception {
        Path args = dir.resolve("args");
        Path script = dir.resolve("check.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" > " + args + "\n[ \"$3\" = 127.0.0.1 ] && exit 0\nexit 1\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        CheckTarget t = Targets.of("10.0.0.1:80", "real=127.0.0.1:8080 gate", "checktype=external",
                "checkcommand=" + script, "checktimeout=2");

        assertEquals(CheckResult.up("Success"), checks.run(t));
        assertEquals("10.0.0.1 80 127.0.0.1 8080", Files.readString(args).strip());

        CheckTarget failing = Targets.of("10.0.0.1:80", "real=127.0.0.2:8080 gate", "checktype=external",
                "checkcommand=" + script);
        assertEquals(CheckResult.down("exit status 1"), checks.run(failing));

        CheckTarget hanging = Targets.of("10.0.0.1:80", "real=127.0.0.1:8080 gate", "checktype=external",
                "checkcommand=\"sleep 30;\"", "checktimeout=1");
        assertEquals(CheckResult.down("timed out after 1 s"), checks.run(hanging));
    }

    @Test
    void connectAndOn() throws Exception {
        try (LinePeer server = LinePeer.silent()) {
            CheckTarget open = Targets.of("10.0.0.1:80", "real=127.0.0.1:" + server.port() + " gate",
                    "checktype=connect");
            assertTrue(checks.run(open).up());
        }
        CheckTarget closed = Targets.of("10.0.0.1:80", "real=127.0.0.1:" + LinePeer.refusedPort() + " gate",
                "checktype=connect");
        assertEquals(CheckResult.down("Connection failed"), checks.run(closed));
        assertFalse(checks.run(closed).up());
        assertTrue(checks.run(Targets.of("10.0.0.1:80", "real=127.0.0.1:1 gate", "checktype=on")).up());
    }
}
