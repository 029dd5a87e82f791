package org.jheartbeat.agents.lvs.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * When a response is complete, as both HTTP clients decide it from the bytes received so far:
 * every prefix of a response is "read more", the whole one parses the same whichever way the body
 * is delimited.
 */
class HttpResponseTest {

    private static HttpResponse parse(String text, boolean eof) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return HttpResponse.parse(b, b.length, eof, false);
    }

    private static void assertIncompleteUntilTheEnd(String text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            assertNull(parse(text.substring(0, i), false), "complete after only " + i + " bytes: " + text);
        }
    }

    @Test
    void contentLengthChunkedAndCloseDelimitedBodies() throws IOException {
        String sized = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
        assertIncompleteUntilTheEnd(sized);
        assertEquals(new HttpResponse(200, "HTTP/1.1 200 OK", null, "hello"), parse(sized, false));

        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n";
        assertIncompleteUntilTheEnd(chunked.substring(0, chunked.length() - 4));
        assertEquals("hello", parse(chunked, false).body());

        String untilClose = "HTTP/1.0 200 OK\nServer: old\n\nhello";
        assertNull(parse(untilClose, false), "no length: the body ends when the server closes");
        assertEquals(new HttpResponse(200, "HTTP/1.0 200 OK", null, "hello"), parse(untilClose, true));
    }

    @Test
    void headersThatMatter() throws IOException {
        HttpResponse moved = parse("HTTP/1.1 302 Found\r\nLOCATION:  /new \r\nContent-Length: 0\r\n\r\n", false);
        assertEquals(302, moved.status());
        assertEquals("/new", moved.location());
        assertEquals("", parse("HTTP/1.1 204 No Content\r\n\r\n", false).body());
    }

    @Test
    void truncatedOrForeignAnswersAreErrors() {
        assertEquals("connection closed after 2 of 5 bytes", assertThrows(IOException.class,
                () -> parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhe", true)).getMessage());
        assertEquals("No answer received", assertThrows(IOException.class,
                () -> parse("220 smtp.example ESMTP\r\n", false)).getMessage());
        assertEquals("No answer received", assertThrows(IOException.class, () -> parse("", true)).getMessage());
        assertThrows(IOException.class, () -> parse("HTTP/1.1 abc OK\r\n\r\n", false));
        assertThrows(IOException.class, () -> parse("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", false));
    }
}
