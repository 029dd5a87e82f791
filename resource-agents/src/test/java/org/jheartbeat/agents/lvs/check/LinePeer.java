package org.jheartbeat.agents.lvs.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small real TCP server on 127.0.0.1 for protocol checks: each connection gets a conversation
 * written in the test (greeting, then an answer per line received). Closing it closes every
 * connection it accepted.
 */
final class LinePeer implements AutoCloseable {

    /** What the server says: the greeting, and the reply to each line (null closes the connection). */
    interface Conversation {
        void talk(BufferedReader in, PrintWriter out) throws IOException;
    }

    private final ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();
    private final Thread acceptor;

    LinePeer(Conversation conversation) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    synchronized (accepted) {
                        accepted.add(s);
                    }
                    Thread.ofVirtual().start(() -> serve(s, conversation));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** A server that accepts connections and never says anything. */
    static LinePeer silent() throws IOException {
        return new LinePeer((in, out) -> {
            while (in.read() >= 0) {
                // Swallow whatever the client sends, answer nothing.
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    private static void serve(Socket s, Conversation conversation) {
        try (s; var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
             var out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.ISO_8859_1)) {
            conversation.talk(in, out);
        } catch (IOException e) {
            // The client went away: the conversation is over.
        }
    }

    /** A port on 127.0.0.1 on which nothing listens: connections are refused. */
    static int refusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (accepted) {
            for (Socket s : accepted) {
                s.close();
            }
        }
        acceptor.interrupt();
    }
}
