package org.jheartbeat.agents.lvs.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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

    static final int MAX_BODY = 1024 * 1024;
    private static final int MAX_REDIRECTS = 7;
    private static final String USER_AGENT = "jheartbeat-ldirectord";

    private final Tls tls;

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
        Pattern receive = ReceivePattern.compile(t.receive()).orElseThrow();
        URI uri;
        try {
            uri = new URI(url(t));
        } catch (URISyntaxException e) {
            return CheckResult.down("Invalid URL: " + e.getMessage());
        }
        boolean head = t.settings().httpMethod().equals("HEAD");
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Response r = fetch(t, uri, head, deadline);
            if (r.status >= 300 && r.status < 400 && r.location != null) {
                try {
                    uri = uri.resolve(r.location.strip());
                } catch (IllegalArgumentException e) {
                    return CheckResult.down(r.statusLine);
                }
                continue;
            }
            if (r.status < 200 || r.status > 299) {
                return CheckResult.down(r.statusLine);
            }
            if (!t.receive().isEmpty() && !receive.matcher(r.body).find()) {
                return CheckResult.down("Response mismatch");
            }
            return CheckResult.up(r.statusLine);
        }
        return CheckResult.down("Too many redirects");
    }

    private Response fetch(CheckTarget t, URI uri, boolean head, Deadline deadline) throws IOException {
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
        try (CheckConnection c = https
                ? CheckConnection.openTls(address, port, sameServer ? t.virtualHost() : uri.getHost(), tls, deadline)
                : CheckConnection.open(address, port, deadline)) {
            c.write((head ? "HEAD " : "GET ") + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: "
                    + USER_AGENT + "\r\nAccept: */*\r\nConnection: close\r\n\r\n");
            return read(c, head);
        }
    }

    private static Response read(CheckConnection c, boolean head) throws IOException {
        String statusLine = c.readLine();
        if (statusLine == null || !statusLine.startsWith("HTTP/")) {
            throw new IOException("No answer received");
        }
        String[] parts = statusLine.split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(parts.length > 1 ? parts[1] : "");
        } catch (NumberFormatException e) {
            throw new IOException("malformed status line: " + statusLine, e);
        }
        long contentLength = -1;
        boolean chunked = false;
        String location = null;
        int headers = 0;
        for (String line = c.readLine(); line != null && !line.isEmpty(); line = c.readLine()) {
            if (++headers > 200) {
                throw new IOException("too many header lines");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> contentLength = parseLength(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "location" -> location = value;
                default -> { }
            }
        }
        String body = "";
        if (!head && status != 204 && status != 304 && !(status >= 100 && status < 200)) {
            byte[] bytes = chunked ? readChunked(c)
                    : contentLength >= 0 ? c.readExactly((int) Math.min(contentLength, MAX_BODY))
                    : c.readToEnd(MAX_BODY);
            body = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return new Response(status, statusLine, location, body);
    }

    private static byte[] readChunked(CheckConnection c) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (body.size() < MAX_BODY) {
            String sizeLine = c.readLine();
            if (sizeLine == null) {
                break;
            }
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + sizeLine, e);
            }
            if (size == 0) {
                break;
            }
            if (size < 0 || size > MAX_BODY) {
                throw new IOException("chunk of " + size + " bytes is too large");
            }
            body.write(c.readExactly(size));
            c.readLine();
        }
        return body.toByteArray();
    }

    private static long parseLength(String value) throws IOException {
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw new IOException("negative Content-Length");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IOException("malformed Content-Length: " + value, e);
        }
    }

    private static String hostForUrl(InetAddress a) {
        String text = a.getHostAddress();
        return text.contains(":") ? "[" + text + "]" : text;
    }

    private record Response(int status, String statusLine, String location, String body) {
    }
}
