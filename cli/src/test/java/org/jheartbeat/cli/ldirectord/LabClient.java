package org.jheartbeat.cli.ldirectord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.jheartbeat.agents.testing.Namespace;

/** The client node: real TCP connections to the VIPs, opened inside its namespace. */
final class LabClient {

    private static final int TIMEOUT_MILLIS = 5000;

    private final Namespace ns;

    LabClient(Namespace ns) {
        this.ns = ns;
    }

    /** One HTTP/1.0 request on a new connection to {@code vip:80}; returns the body (the server's name). */
    String get(String vip) throws Exception {
        return ns.call(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(vip, WebRealServer.WEB_PORT), TIMEOUT_MILLIS);
                s.setSoTimeout(TIMEOUT_MILLIS);
                s.getOutputStream().write(("GET / HTTP/1.0\r\nHost: " + vip + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                int body = response.indexOf("\r\n\r\n");
                if (!response.startsWith("HTTP/1.1 200") || body < 0) {
                    throw new IOException("unexpected answer from " + vip + ": " + response);
                }
                return response.substring(body + 4).strip();
            }
        });
    }

    /** {@code count} requests, each on a new connection: how many each server answered. */
    Map<String, Integer> spread(String vip, int count) throws Exception {
        Map<String, Integer> answers = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            answers.merge(get(vip), 1, Integer::sum);
        }
        return answers;
    }

    /** A connection to the echo service that stays open until closed. */
    Connection connect(String vip, int port) throws Exception {
        Socket s = ns.call(() -> {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(vip, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            return socket;
        });
        return new Connection(s);
    }

    /** One long-lived connection: a line out, the echoed line back. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        }

        String say(String line) throws IOException {
            socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = in.readLine();
            if (answer == null) {
                throw new IOException("the connection was closed");
            }
            return answer;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
