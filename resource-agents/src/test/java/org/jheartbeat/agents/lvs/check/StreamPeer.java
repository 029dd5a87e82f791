package org.jheartbeat.agents.lvs.check;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A small real TCP server on 127.0.0.1 for binary protocols (LDAP, PostgreSQL, MySQL): each
 * connection runs a conversation written in the test on the raw streams. Closing it closes
 * every connection it accepted.
 */
final class StreamPeer implements AutoCloseable {

    interface Conversation {
        void talk(DataInputStream in, DataOutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();

    StreamPeer(Conversation conversation) throws IOException {
        this(null, conversation);
    }

    /** With {@code tls} non-null, every connection starts with a TLS handshake (ldaps and the like). */
    StreamPeer(javax.net.ssl.SSLContext tls, Conversation conversation) throws IOException {
        server = tls == null ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
                : tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
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

    int port() {
        return server.getLocalPort();
    }

    private static void serve(Socket s, Conversation conversation) {
        try (s; var in = new DataInputStream(s.getInputStream());
             var out = new DataOutputStream(s.getOutputStream())) {
            conversation.talk(in, out);
            out.flush();
        } catch (IOException e) {
            // The client went away: the conversation is over.
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
    }
}
