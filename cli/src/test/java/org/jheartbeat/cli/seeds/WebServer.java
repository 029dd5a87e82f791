package org.jheartbeat.cli.seeds;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import org.jheartbeat.agents.testing.Namespace;

import com.sun.net.httpserver.HttpServer;

/**
 * The web server of a real server (or a director's own "sorry" server): port 80 on every
 * address of its namespace, the VIP on lo included. It answers the health-check page with the
 * text ldirectord expects (if there is a check page) and every other page with its name, over
 * HTTP/1.1 keep-alive connections too. {@link #stop} is the server going down (connections refused).
 */
final class WebServer implements AutoCloseable {

    static {
        // A kept-alive client connection must outlive a director's failover in the emulated lab
        // (the JDK server closes idle connections after 30 s by default); read once, when the
        // JDK's server first starts in this JVM.
        System.setProperty("sun.net.httpserver.idleInterval", "600");
    }

    private final Namespace namespace;
    private final String name;
    private final String checkPath;
    private final String checkText;
    private HttpServer server;

    /** @param checkPath the health-check page ({@code /check.html}), or null when nothing checks */
    WebServer(Namespace namespace, String name, String checkPath, String checkText) {
        this.namespace = namespace;
        this.name = name;
        this.checkPath = checkPath;
        this.checkText = checkText;
    }

    String name() {
        return name;
    }

    WebServer start() throws Exception {
        HttpServer s = namespace.call(() -> HttpServer.create(new InetSocketAddress(80), 64));
        s.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = (path.equals(checkPath) ? checkText : name + "\n").getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.start();
        server = s;
        return this;
    }

    void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    static void closeAll(Iterable<WebServer> servers) {
        for (WebServer s : servers) {
            s.close();
        }
    }
}
