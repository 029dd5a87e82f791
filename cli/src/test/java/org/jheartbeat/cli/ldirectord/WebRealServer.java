package org.jheartbeat.cli.ldirectord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jheartbeat.agents.testing.Namespace;

import com.sun.net.httpserver.HttpServer;

/**
 * A real server's applications inside its namespace: a web server on port 80 ({@code /health}
 * answers {@code OK} for the director's checks, every other path answers with the server's name,
 * so the client can tell who served it) and a line echo service on port 7000 that prefixes each
 * line with the name and keeps its connections open (a long-lived connection through the VIP).
 * Both listen on every address, so they serve the real IP (checks) and the VIP (clients).
 */
final class WebRealServer implements AutoCloseable {

    static final int WEB_PORT = 80;
    static final int ECHO_PORT = 7000;

    private final Namespace ns;
    private final String name;
    private final ServerSocket echo;
    private final List<Socket> echoConnections = new CopyOnWriteArrayList<>();
    private HttpServer web;

    private WebRealServer(Namespace ns, String name, ServerSocket echo) {
        this.ns = ns;
        this.name = name;
        this.echo = echo;
    }

    static WebRealServer start(Namespace ns, String name) throws Exception {
        ServerSocket echo = ns.call(() -> new ServerSocket(ECHO_PORT, 50));
        WebRealServer server = new WebRealServer(ns, name, echo);
        // Accepting on a platform thread started here (outside the namespace): the listening
        // socket already belongs to the namespace, the thread does not need to.
        Thread.ofPlatform().daemon().name("echo " + name).start(server::acceptEcho);
        server.revive();
        return server;
    }

    String name() {
        return name;
    }

    /** The web server dies: its port refuses connections, open ones are closed. */
    synchronized void kill() {
        if (web != null) {
            web.stop(0);
            web = null;
        }
    }

    /** The web server comes back on port 80. */
    synchronized void revive() throws Exception {
        if (web != null) {
            return;
        }
        // bound inside the namespace; its dispatcher thread (started here) needs no namespace
        HttpServer s = ns.call(() -> HttpServer.create(new InetSocketAddress(WEB_PORT), 50));
        s.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestURI().getPath().equals("/health") ? "OK" : name)
                    .getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        s.start();
        web = s;
    }

    private void acceptEcho() {
        while (!echo.isClosed()) {
            try {
                Socket connection = echo.accept();
                echoConnections.add(connection);
                Thread.ofPlatform().daemon().name("echo " + name + " connection").start(() -> echoLines(connection));
            } catch (IOException closed) {
                return; // the server is closing
            }
        }
    }

    private void echoLines(Socket connection) {
        try (connection; BufferedReader in = new BufferedReader(
                new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII))) {
            OutputStream out = connection.getOutputStream();
            for (String line; (line = in.readLine()) != null; ) {
                out.write((name + " " + line + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException closedOrReset) {
            // the client went away or the test is over: nothing to answer
        } finally {
            echoConnections.remove(connection);
        }
    }

    @Override
    public void close() throws IOException {
        kill();
        echo.close();
        for (Socket s : echoConnections) {
            s.close();
        }
    }
}
