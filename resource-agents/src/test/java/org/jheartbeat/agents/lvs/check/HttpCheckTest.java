package org.jheartbeat.agents.lvs.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** The http and https negotiate checks against the JDK's HTTP servers on 127.0.0.1. */
class HttpCheckTest {

    @TempDir
    static Path keys;
    private static SSLContext serverTls;

    private final HealthChecks checks = new HealthChecks(Tls.unverified(), "director.test");
    private final AtomicReference<String> hostSeen = new AtomicReference<>();
    private final AtomicReference<String> methodSeen = new AtomicReference<>();
    private HttpServer server;

    @BeforeAll
    static void selfSignedCertificate() throws Exception {
        Path store = keys.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=realserver.test", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "secret1", "-keypass", "secret1")
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool made a certificate");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "secret1".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "secret1".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int serve(boolean https) throws IOException {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = https ? HttpsServer.create(any, 10) : HttpServer.create(any, 10);
        if (server instanceof HttpsServer s) {
            s.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        }
        server.createContext("/", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange x) throws IOException {
        hostSeen.set(x.getRequestHeaders().getFirst("Host"));
        methodSeen.set(x.getRequestMethod());
        String path = x.getRequestURI().getPath();
        switch (path) {
            case "/ldirectord.html" -> send(x, 200, "<html>It worked</html>");
            case "/old" -> {
                x.getResponseHeaders().add("Location", "/ldirectord.html");
                send(x, 302, "moved");
            }
            case "/broken" -> send(x, 500, "It worked, but the database is down");
            default -> send(x, 404, "not here");
        }
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (x.getRequestMethod().equals("HEAD")) {
            x.sendResponseHeaders(status, -1);
        } else {
            x.sendResponseHeaders(status, bytes.length);
            x.getResponseBody().write(bytes);
        }
        x.close();
    }

    /** Runs one check; {@link HttpCheckThroughSchedulerTest} runs it the way the daemon does. */
    CheckResult check(CheckTarget t) throws Exception {
        return checks.run(t);
    }

    private CheckResult http(int port, String... extra) throws Exception {
        return check(Targets.of("10.0.0.1:80", List.of(extra), "real=127.0.0.1:" + port + " gate",
                "service=http"));
    }

    @Test
    void upWhenTheBodyMatchesTheReceiveExpression() throws Exception {
        int port = serve(false);
        CheckResult r = http(port, "request=\"ldirectord.html\"", "receive=\"It w.rked\"");

        assertEquals(CheckResult.up("HTTP/1.1 200 OK"), r);
        assertEquals("127.0.0.1:" + port, hostSeen.get(), "Host is the real server when no virtualhost is set");
        assertEquals("GET", methodSeen.get());
    }

    @Test
    void downOnWrongBodyOrNon2xxStatus() throws Exception {
        int port = serve(false);

        assertEquals(CheckResult.down("Response mismatch"),
                http(port, "request=\"ldirectord.html\"", "receive=\"It failed\""));
        assertEquals(CheckResult.down("HTTP/1.1 500 Internal Server Error"),
                http(port, "request=\"broken\"", "receive=\"It worked\""), "2xx is required even if the body matches");
        assertEquals(CheckResult.down("HTTP/1.1 404 Not Found"), http(port, "request=\"missing.html\""));
    }

    @Test
    void redirectsAreFollowedAndVirtualHostAndHeadAreSent() throws Exception {
        int port = serve(false);

        assertTrue(http(port, "request=\"old\"", "receive=\"It worked\"").up());
        assertTrue(http(port, "request=\"ldirectord.html\"", "virtualhost=www.example.com", "httpmethod=head").up());
        assertEquals("www.example.com:" + port, hostSeen.get());
        assertEquals("HEAD", methodSeen.get());
    }

    @Test
    void perRealRequestAndReceiveOverrideTheVirtuals() throws Exception {
        int port = serve(false);
        CheckTarget t = Targets.of("10.0.0.1:80", List.of(), "real=127.0.0.1:" + port + " gate 1 \"ldirectord.html\","
                + " \"worked\"", "service=http", "request=\"broken\"", "receive=\"nothing\"");

        assertTrue(check(t).up());
    }

    @Test
    void refusedAndSilentServersAreDownWithinTheTimeout() throws Exception {
        assertEquals(CheckResult.down("Connection failed"), http(LinePeer.refusedPort()));
        try (LinePeer silent = LinePeer.silent()) {
            assertEquals(CheckResult.down("Connection timed out"), http(silent.port(), "negotiatetimeout=1"));
        }
    }

    @Test
    void httpsWithASelfSignedCertificateIsUpUnlessVerificationIsAskedFor() throws Exception {
        int port = serve(true);
        CheckTarget t = Targets.of("10.0.0.1:443", List.of(), "real=127.0.0.1:" + port + " gate", "service=https",
                "request=\"ldirectord.html\"", "receive=\"It worked\"");

        assertEquals(CheckResult.up("HTTP/1.1 200 OK"), check(t));
        CheckResult verified = new HealthChecks(Tls.verified(), "director.test").run(t);
        assertFalse(verified.up());
        assertTrue(verified.message().startsWith("TLS failed"), verified.message());
    }

    @Test
    void httpsAgainstAServerThatDoesNotSpeakTlsIsDown() throws Exception {
        try (LinePeer plain = new LinePeer((in, out) -> out.print("HTTP/1.1 400 Bad Request\r\n\r\n"))) {
            CheckTarget t = Targets.of("10.0.0.1:443", List.of(), "real=127.0.0.1:" + plain.port() + " gate",
                    "service=https", "negotiatetimeout=5");

            CheckResult r = check(t);

            assertFalse(r.up());
            assertTrue(r.message().startsWith("TLS failed"), r.message());
        }
    }
}
