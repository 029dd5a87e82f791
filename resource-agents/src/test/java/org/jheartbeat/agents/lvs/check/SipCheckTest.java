package org.jheartbeat.agents.lvs.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The sip check: OPTIONS over UDP and TCP against small real SIP user agents. */
class SipCheckTest {

    private final HealthChecks checks = new HealthChecks(Tls.unverified(), "director.test");
    private final AtomicReference<String> received = new AtomicReference<>();

    private CheckResult check(String protocol, int port) throws InterruptedException {
        return checks.run(Targets.of("10.0.0.1:5060", List.of(), "real=127.0.0.1:" + port + " gate",
                "protocol=" + protocol, "negotiatetimeout=1"));
    }

    /** Answers every OPTIONS with {@code status}, echoing Via, From, To, Call-ID and CSeq as RFC 3261 asks. */
    private String answer(String request, String status) {
        received.set(request);
        StringBuilder reply = new StringBuilder("SIP/2.0 " + status + "\r\n");
        for (String line : request.split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("To:")
                    || line.startsWith("Call-ID:") || line.startsWith("CSeq:")) {
                reply.append(line).append("\r\n");
            }
        }
        return reply.append("Content-Length: 0\r\n\r\n").toString();
    }

    private void udpAgent(DatagramSocket socket, String status) {
        byte[] buffer = new byte[8192];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                socket.receive(p);
                byte[] reply = answer(new String(buffer, 0, p.getLength(), StandardCharsets.UTF_8), status)
                        .getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Test
    void optionsOverUdpNeeds200() throws Exception {
        try (DatagramSocket ok = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket busy = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> udpAgent(ok, "200 OK"));
            Thread.ofVirtual().start(() -> udpAgent(busy, "486 Busy Here"));

            assertEquals(CheckResult.up("SIP/2.0 200 OK"), check("udp", ok.getLocalPort()));
            String request = received.get();
            assertTrue(request.startsWith("OPTIONS sip:ldirectord@director.test SIP/2.0\r\n"), request);
            assertTrue(request.contains("\r\nCSeq: 63104 OPTIONS\r\n"), request);
            assertTrue(request.contains("\r\nVia: SIP/2.0/UDP 127.0.0.1:"), request);

            assertEquals(CheckResult.down("SIP/2.0 486 Busy Here"), check("udp", busy.getLocalPort()));
            assertEquals(CheckResult.down("Connection timed out"), check("udp", silent.getLocalPort()));
        }
        int closed;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertEquals(CheckResult.down("Connection failed"), check("udp", closed));
    }

    @Test
    void optionsOverTcp() throws Exception {
        try (LinePeer ok = new LinePeer((in, out) -> {
            StringBuilder request = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                request.append(line).append("\r\n");
            }
            out.print(answer(request.toString(), "200 OK"));
        });
             LinePeer http = new LinePeer((in, out) -> out.print("HTTP/1.1 400 Bad Request\r\n\r\n"));
             LinePeer silent = LinePeer.silent()) {
            assertEquals(CheckResult.up("SIP/2.0 200 OK"), check("tcp", ok.port()));
            assertTrue(received.get().contains("Via: SIP/2.0/TCP 127.0.0.1:"), received.get());
            assertEquals(CheckResult.down("HTTP/1.1 400 Bad Request"), check("tcp", http.port()));
            assertEquals(CheckResult.down("Connection timed out"), check("tcp", silent.port()));
            assertEquals(CheckResult.down("Connection failed"), check("tcp", LinePeer.refusedPort()));
        }
    }
}
