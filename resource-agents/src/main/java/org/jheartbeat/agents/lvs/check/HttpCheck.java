package org.jheartbeat.agents.lvs.check;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jheartbeat.agents.lvs.config.ReceivePattern;
import org.jheartbeat.agents.lvs.config.ServiceType;

/**
 * The http / https negotiate check: one HTTP/1.1 request ({@code Connection: close}) to the real
 * server, redirects followed as LWP does, up when the final status is 2xx and the body matches
 * the receive expression (an empty one matches anything). The whole exchange, redirects
 * included, fits in the negotiate timeout.
 */
final class HttpCheck {

    private static final int MAX_REDIRECTS = 7;
    private static final String USER_AGENT = "jheartbeat-ldirectord";

    private final Tls tls;
    private final Map<String, Pattern> receivePatterns = new ConcurrentHashMap<>();

    HttpCheck(Tls tls) {
        this.tls = tls;
    }

    /** The URL of §4.3: the request as an absolute URL, or {@code schema://RIP:PORT/REQUEST}. */
    static String url(CheckTarget t) {
        String schema = t.service() == ServiceType.HTTPS ? "https" : "http";
        String request = t.requestWithoutSlash();
        if (request.startsWith(schema + "://")) {
            return request;
        }
        return schema + "://" + hostForUrl(t.address()) + ":" + t.checkPort() + "/" + request;
    }

    CheckResult check(CheckTarget t, Deadline deadline) throws IOException {
        URI uri;
        try {
            uri = new URI(url(t));
        } catch (URISyntaxException e) {
            return CheckResult.down("Invalid URL: " + e.getMessage());
        }
        boolean head = isHead(t);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse r = fetch(t, uri, head, deadline);
            if (!isRedirect(r)) {
                return judge(t, r);
            }
            try {
                uri = uri.resolve(r.location().strip());
            } catch (IllegalArgumentException e) {
                return CheckResult.down(r.statusLine());
            }
        }
        return CheckResult.down("Too many redirects");
    }

    static boolean isHead(CheckTarget t) {
        return t.settings().httpMethod().equals("HEAD");
    }

    /** A 3xx with a Location: LWP follows it. */
    static boolean isRedirect(HttpResponse r) {
        return r.status() >= 300 && r.status() < 400 && r.location() != null;
    }

    /** The verdict on a final response: 2xx and (no receive, or the body matches it). */
    CheckResult judge(CheckTarget t, HttpResponse r) {
        if (r.status() < 200 || r.status() > 299) {
            return CheckResult.down(r.statusLine());
        }
        if (!t.receive().isEmpty() && !receive(t.receive()).matcher(r.body()).find()) {
            return CheckResult.down("Response mismatch");
        }
        return CheckResult.up(r.statusLine());
    }

    /** Compiled once per distinct receive string, not once per check. */
    private Pattern receive(String text) {
        return receivePatterns.computeIfAbsent(text, s -> ReceivePattern.compile(s).orElseThrow());
    }

    /** Where one request goes and what it says. */
    record Hop(InetAddress address, int port, boolean https, String tlsHost, String request) {
    }

    /** The request to {@code uri}: the real itself unless a redirect points elsewhere. */
    static Hop hop(CheckTarget t, URI uri, boolean head) throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        boolean sameServer = uri.getHost() == null || uri.getHost().equals(hostForUrl(t.address()))
                || uri.getHost().equals(t.address().getHostAddress());
        InetAddress address = sameServer ? t.address() : InetAddress.getByName(uri.getHost());
        String hostHeader = sameServer ? t.virtualHost() : uri.getHost();
        if (port != (https ? 443 : 80)) {
            hostHeader += ":" + port;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String request = (head ? "HEAD " : "GET ") + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: "
                + USER_AGENT + "\r\nAccept: */*\r\nConnection: close\r\n\r\n";
        return new Hop(address, port, https, sameServer ? t.virtualHost() : uri.getHost(), request);
    }

    /**
     * The first request of a check when it goes to the real itself (no name to resolve), else
     * empty; an invalid URL is empty too (the blocking check reports it).
     */
    static java.util.Optional<Hop> firstHop(CheckTarget t) {
        try {
            URI uri = new URI(url(t));
            if (uri.getHost() != null && !uri.getHost().equals(hostForUrl(t.address()))
                    && !uri.getHost().equals(t.address().getHostAddress())) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(hop(t, uri, isHead(t)));
        } catch (URISyntaxException | IOException e) {
            return java.util.Optional.empty();
        }
    }

    private HttpResponse fetch(CheckTarget t, URI uri, boolean head, Deadline deadline) throws IOException {
        Hop h = hop(t, uri, head);
        try (CheckConnection c = h.https()
                ? CheckConnection.openTls(h.address(), h.port(), h.tlsHost(), tls, deadline)
                : CheckConnection.open(h.address(), h.port(), deadline)) {
            c.write(h.request());
            return c.read((data, length, eof) -> HttpResponse.parse(data, length, eof, head));
        }
    }

    private static String hostForUrl(InetAddress a) {
        String text = a.getHostAddress();
        return text.contains(":") ? "[" + text + "]" : text;
    }

}
