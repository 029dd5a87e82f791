package org.jheartbeat.agents.lvs;

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
import java.util.concurrent.CopyOnWriteArrayList;

/** A small real SMTP server on loopback that keeps every message it accepts. */
final class SmtpReceiver implements AutoCloseable {

    record Message(String envelopeFrom, List<String> recipients, String data) {
    }

    private final ServerSocket server;
    final List<Message> messages = new CopyOnWriteArrayList<>();

    SmtpReceiver() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::serve);
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> session(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(socket.getOutputStream(), true,
                StandardCharsets.UTF_8)) {
            out.print("220 test.local ESMTP\r\n");
            out.flush();
            String from = "";
            List<String> to = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(java.util.Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    out.print("250-test.local\r\n250 8BITMIME\r\n");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = line.substring(10).replaceAll("[<>]", "");
                    out.print("250 ok\r\n");
                } else if (upper.startsWith("RCPT TO:")) {
                    to.add(line.substring(8).replaceAll("[<>]", ""));
                    out.print("250 ok\r\n");
                } else if (upper.equals("DATA")) {
                    out.print("354 go ahead\r\n");
                    out.flush();
                    StringBuilder data = new StringBuilder();
                    for (String d = in.readLine(); d != null && !d.equals("."); d = in.readLine()) {
                        data.append(d.startsWith("..") ? d.substring(1) : d).append('\n');
                    }
                    messages.add(new Message(from, List.copyOf(to), data.toString()));
                    to.clear();
                    out.print("250 queued\r\n");
                } else if (upper.equals("QUIT")) {
                    out.print("221 bye\r\n");
                    out.flush();
                    return;
                } else {
                    out.print("502 not here\r\n");
                }
                out.flush();
            }
        } catch (IOException e) {
            // the client went away; nothing to keep
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
