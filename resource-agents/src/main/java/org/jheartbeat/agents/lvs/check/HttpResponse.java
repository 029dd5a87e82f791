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
        // The head is read in place: only the status line and the values of the three headers a
        // check uses become strings (splitting it into strings was a third of what a check allocated).
        int statusEnd = indexOf(data, 0, headEnd, (byte) '\n');
        String statusLine = latin1(data, 0, withoutCr(data, 0, statusEnd < 0 ? headEnd : statusEnd));
        if (!statusLine.startsWith("HTTP/")) {
            throw new IOException("No answer received");
        }
        int space = statusLine.indexOf(' ');
        int status;
        try {
            int codeEnd = space < 0 ? -1 : statusLine.indexOf(' ', space + 1);
            status = Integer.parseInt(space < 0 ? "" : statusLine.substring(space + 1,
                    codeEnd < 0 ? statusLine.length() : codeEnd));
        } catch (NumberFormatException e) {
            throw new IOException("malformed status line: " + statusLine, e);
        }
        long contentLength = -1;
        boolean chunked = false;
        String location = null;
        int lineCount = 1;
        for (int i = 0; i < headEnd; i++) {
            if (data[i] == '\n') {
                lineCount++;
            }
        }
        if (lineCount > MAX_HEADERS + 3) {
            throw new IOException("too many header lines");
        }
        for (int start = statusEnd < 0 ? headEnd : statusEnd + 1; start < headEnd; ) {
            int lf = indexOf(data, start, headEnd, (byte) '\n');
            int end = lf < 0 ? headEnd : lf;
            int lineEnd = withoutCr(data, start, end);
            int colon = indexOf(data, start, lineEnd, (byte) ':');
            if (colon > start) {
                if (nameIs(data, start, colon, "content-length")) {
                    contentLength = parseLength(value(data, colon + 1, lineEnd));
                } else if (nameIs(data, start, colon, "transfer-encoding")) {
                    chunked = value(data, colon + 1, lineEnd).toLowerCase(Locale.ROOT).contains("chunked");
                } else if (nameIs(data, start, colon, "location")) {
                    location = value(data, colon + 1, lineEnd);
                }
            }
            start = end + 1;
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

    private static String latin1(byte[] d, int from, int to) {
        return new String(d, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** {@code to}, or one less when the line {@code d[from..to)} ends with a CR. */
    private static int withoutCr(byte[] d, int from, int to) {
        return to > from && d[to - 1] == '\r' ? to - 1 : to;
    }

    /** What {@link String#strip()} counts as blank, for ISO-8859-1 bytes. */
    private static boolean blank(byte b) {
        return b == ' ' || (b >= 0x09 && b <= 0x0d) || (b >= 0x1c && b <= 0x1f);
    }

    /** The header value in {@code d[from..to)}, stripped. */
    private static String value(byte[] d, int from, int to) {
        while (from < to && blank(d[from])) {
            from++;
        }
        while (to > from && blank(d[to - 1])) {
            to--;
        }
        return latin1(d, from, to);
    }

    /** Whether the header name in {@code d[from..to)}, stripped, is {@code lowerName} in any case. */
    private static boolean nameIs(byte[] d, int from, int to, String lowerName) {
        while (from < to && blank(d[from])) {
            from++;
        }
        while (to > from && blank(d[to - 1])) {
            to--;
        }
        if (to - from != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            int b = d[from + i];
            if ((b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
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
