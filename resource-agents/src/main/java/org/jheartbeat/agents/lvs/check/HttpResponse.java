package org.jheartbeat.agents.lvs.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.x response as a check needs it, parsed from the bytes received so far. Both the
 * blocking client (TLS, redirects) and the non-blocking one feed it what they have read and ask
 * whether the response is complete, so they agree on every edge (Content-Length, chunked, body
 * until close, size limits).
 *
 * @param statusLine the first line, as the monitor file shows it
 */
record HttpResponse(int status, String statusLine, String location, String body) {

    static final int MAX_BODY = 1024 * 1024;
    static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_HEADERS = 200;

    /**
     * The response in {@code data[0..length)}, or null when more bytes are needed. {@code eof}:
     * the server closed the connection, so what is there is all there will be.
     */
    static HttpResponse parse(byte[] data, int length, boolean eof, boolean head) throws IOException {
        if (length >= 5 && !startsWith(data, length, "HTTP/")) {
            throw new IOException("No answer received");
        }
        int headEnd = endOfHead(data, length);
        if (headEnd < 0) {
            if (length > MAX_HEAD) {
                throw new IOException("response header longer than " + MAX_HEAD + " bytes");
            }
            if (!eof) {
                return null;
            }
            if (length == 0 || !startsWith(data, length, "HTTP/")) {
                throw new IOException("No answer received");
            }
            headEnd = length; // a head cut short by the close: take what is there, no body
        }
        String[] lines = new String(data, 0, headEnd, StandardCharsets.ISO_8859_1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].endsWith("\r")) {
                lines[i] = lines[i].substring(0, lines[i].length() - 1);
            }
        }
        String statusLine = lines[0];
        if (!statusLine.startsWith("HTTP/")) {
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
        if (lines.length > MAX_HEADERS + 3) {
            throw new IOException("too many header lines");
        }
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
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
        int bodyStart = Math.min(length, headEnd + blankLineLength(data, headEnd, length));
        if (head || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            return new HttpResponse(status, statusLine, location, "");
        }
        int available = length - bodyStart;
        String body;
        if (chunked) {
            byte[] decoded = dechunk(data, bodyStart, length, eof);
            if (decoded == null) {
                return null;
            }
            body = new String(decoded, StandardCharsets.ISO_8859_1);
        } else if (contentLength >= 0) {
            int wanted = (int) Math.min(contentLength, MAX_BODY);
            if (available < wanted) {
                if (eof) {
                    throw new IOException("connection closed after " + available + " of " + wanted + " bytes");
                }
                return null;
            }
            body = new String(data, bodyStart, wanted, StandardCharsets.ISO_8859_1);
        } else {
            if (!eof && available < MAX_BODY) {
                return null;
            }
            body = new String(data, bodyStart, Math.min(available, MAX_BODY), StandardCharsets.ISO_8859_1);
        }
        return new HttpResponse(status, statusLine, location, body);
    }

    /** Index of the blank line ending the head (the CR or LF starting it), or -1. */
    private static int endOfHead(byte[] d, int length) {
        for (int i = 0; i + 1 < length; i++) {
            if (d[i] == '\n') {
                if (d[i + 1] == '\n') {
                    return i;
                }
                if (d[i + 1] == '\r' && i + 2 < length && d[i + 2] == '\n') {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int blankLineLength(byte[] d, int headEnd, int length) {
        // headEnd points at the LF ending the last header line: skip it and the blank line.
        return headEnd + 1 < length && d[headEnd + 1] == '\r' ? 3 : 2;
    }

    private static boolean startsWith(byte[] d, int length, String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (d[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The chunked body in {@code d[from..to)}, or null when the last chunk has not arrived yet. */
    private static byte[] dechunk(byte[] d, int from, int to, boolean eof) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int i = from;
        while (body.size() < MAX_BODY) {
            int lf = indexOf(d, i, to, (byte) '\n');
            if (lf < 0) {
                return eof ? body.toByteArray() : null;
            }
            String sizeLine = new String(d, i, lf - i, StandardCharsets.ISO_8859_1);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + sizeLine, e);
            }
            if (size < 0 || size > MAX_BODY) {
                throw new IOException("chunk of " + size + " bytes is too large");
            }
            if (size == 0) {
                return body.toByteArray();
            }
            int start = lf + 1;
            if (to - start < size) {
                if (eof) {
                    throw new IOException("connection closed inside a chunk");
                }
                return null;
            }
            body.write(d, start, size);
            int after = indexOf(d, start + size, to, (byte) '\n');
            if (after < 0) {
                return eof ? body.toByteArray() : null;
            }
            i = after + 1;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] d, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (d[i] == b) {
                return i;
            }
        }
        return -1;
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
}
