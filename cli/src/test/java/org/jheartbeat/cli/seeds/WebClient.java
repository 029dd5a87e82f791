package org.jheartbeat.cli.seeds;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jheartbeat.agents.testing.Namespace;

/**
 * A browser in the client's namespace: every {@link #get} is a new TCP connection to the VIP
 * (so IPVS schedules it afresh) asking for {@code /}; the body is the real server's name.
 * {@link #keepAlive} holds one connection open across several requests, as a user's browser
 * does while a director fails.
 */
final class WebClient {

    private static final int CONNECT_TIMEOUT_MS = 1000;
    private static final int READ_TIMEOUT_MS = 3000;
    /**
     * How long a probe waits for its answer: a connection opened through the director that just
     * died, whose next packets reach the new one (which has no IPVS entry for it without a sync
     * daemon), answers never, and waiting the full read timeout for it would add seconds to a
     * measured outage that has already ended.
     */
    private static final int PROBE_READ_TIMEOUT_MS = 500;

    private final Namespace namespace;
    private final String vip;

    WebClient(Namespace namespace, String vip) {
        this.namespace = namespace;
        this.vip = vip;
    }

    /** One request from the client's main address; returns who answered. */
    String get() throws Exception {
        return get(null);
    }

    /** One request from {@code source} (one of the client's addresses; null: any). */
    String get(String source) throws Exception {
        return request(source, CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
    }

    private String request(String source, int connectMillis, int readMillis) throws Exception {
        return namespace.call(() -> {
            try (Socket socket = connect(source, connectMillis)) {
                socket.setSoTimeout(readMillis);
                OutputStream out = socket.getOutputStream();
                out.write(("GET / HTTP/1.0\r\nHost: " + vip + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                int body = response.indexOf("\r\n\r\n");
                if (!response.startsWith("HTTP/1.") || body < 0) {
                    throw new IOException("not an HTTP response: " + response);
                }
                return response.substring(body + 4).strip();
            }
        });
    }

    /** {@link #get} that answers empty instead of failing (for waiting). */
    Optional<String> tryGet(String source) {
        try {
            return Optional.of(get(source));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * A request that gives up on the connection after {@code connectMillis} and on the answer
     * after {@link #PROBE_READ_TIMEOUT_MS}: for probing during an outage, where a SYN to a dead
     * director would otherwise wait for TCP's retransmission.
     */
    Optional<String> probe(String source, int connectMillis) {
        try {
            return Optional.of(request(source, connectMillis, PROBE_READ_TIMEOUT_MS));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** {@code count} requests: how many each server answered (failed requests count as "failed"). */
    Map<String, Integer> answers(int count) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            answers.merge(tryGet(null).orElse("failed"), 1, Integer::sum);
        }
        return answers;
    }

    private Socket connect(String source, int connectMillis) throws IOException {
        Socket socket = new Socket();
        try {
            if (source != null) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            }
            socket.connect(new InetSocketAddress(InetAddress.getByName(vip), 80), connectMillis);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** An HTTP/1.1 connection from {@code source} that stays open between requests. */
    KeptConnection keepAlive(String source) throws Exception {
        return new KeptConnection(namespace.call(() -> connect(source, CONNECT_TIMEOUT_MS)));
    }

    /** One established TCP connection through the VIP. */
    final class KeptConnection implements AutoCloseable {

        private final Socket socket;

        private KeptConnection(Socket socket) {
            this.socket = socket;
        }

        /** Asks again on the same connection; the socket's timeout bounds the wait (TCP retransmits meanwhile). */
        String ask(int timeoutMillis) throws IOException {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + vip + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int length = -1;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).strip());
                }
            }
            if (!head.startsWith("HTTP/1.1 200") || length < 0) {
                throw new IOException("unexpected response head: " + head);
            }
            return new String(in.readNBytes(length), StandardCharsets.US_ASCII).strip();
        }

        String localAddress() {
            return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed after " + head.size() + " bytes of response");
                }
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
