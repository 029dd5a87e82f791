package org.jheartbeat.agents.lvs.check;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A TCP (optionally TLS) conversation with a real server in which every read waits only as
 * long as the check's deadline allows, and nothing the server sends can make it read more than a
 * bounded amount.
 *
 * <p>Why it is built the way it is (thousands of checks per second):
 * <ul>
 * <li>It sits on a {@link SocketChannel}, whose socket adaptor offers connect and read timeouts
 *     that park a virtual thread, rather than on a {@code java.net.Socket}, which registers every
 *     descriptor with the JDK's shared Cleaner (a lock all check threads then queue on).</li>
 * <li>Reads go through one buffer: reading a line byte by byte from a socket stream is a system
 *     call per byte.</li>
 * <li>Closing is abortive ({@code SO_LINGER 0}, a reset): a check has read what it needs by then,
 *     and neither the director nor the real server keeps the connection in TIME_WAIT (tens of
 *     thousands of such sockets a minute cost ports and memory on both ends; a real server
 *     sees a reset after it has answered, which it ignores). ldirectord itself closes normally.
 *     Requests are small enough to sit in the socket's send buffer, so the write never waits on
 *     the server.</li>
 * </ul>
 */
final class CheckConnection implements Closeable {

    static final int MAX_LINE = 8 * 1024;
    private static final int FIRST_BUFFER = 2 * 1024;
    private static final int MAX_ANSWER = 8 * 1024 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Deadline deadline;
    private byte[] buffer = new byte[FIRST_BUFFER];
    private int position;
    private int limit;

    private CheckConnection(Socket socket, Deadline deadline) throws IOException {
        this.socket = socket;
        this.deadline = deadline;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static CheckConnection open(InetAddress address, int port, Deadline deadline) throws IOException {
        Socket socket = connect(address, port, deadline);
        try {
            return new CheckConnection(socket, deadline);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Connects, then completes a TLS handshake within the deadline. */
    static CheckConnection openTls(InetAddress address, int port, String hostName, Tls tls, Deadline deadline)
            throws IOException {
        Socket plain = connect(address, port, deadline);
        try {
            SSLSocket ssl = (SSLSocket) tls.factory().createSocket(plain, hostName, port, true);
            if (tls.verifiesHostName()) {
                SSLParameters p = ssl.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(p);
            }
            ssl.setSoTimeout(deadline.remainingMillis());
            ssl.startHandshake();
            return new CheckConnection(ssl, deadline);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static Socket connect(InetAddress address, int port, Deadline deadline) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            Socket socket = channel.socket();
            socket.connect(new InetSocketAddress(address, port), deadline.remainingMillis());
            return socket;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] bytes) throws IOException {
        socket.setSoTimeout(deadline.remainingMillis());
        out.write(bytes);
        out.flush();
    }

    void shutdownOutput() throws IOException {
        if (!(socket instanceof SSLSocket)) {
            socket.shutdownOutput();
        }
    }

    /** Reads more into the buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (position == limit) {
            position = 0;
            limit = 0;
        } else if (limit == buffer.length) {
            if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            } else {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
        }
        socket.setSoTimeout(deadline.remainingMillis());
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    /** One line without its CR LF, or null at the end of the stream. */
    String readLine() throws IOException {
        int checked = 0; // bytes after position already known not to be a newline
        while (true) {
            for (int i = position + checked; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                    position = i + 1;
                    return line;
                }
            }
            checked = limit - position;
            if (checked > MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            if (!fill()) {
                if (limit == position) {
                    return null;
                }
                String rest = new String(buffer, position, limit - position, StandardCharsets.ISO_8859_1);
                position = limit;
                return rest;
            }
        }
    }

    /** Decides from everything received so far whether an answer is complete. */
    interface Answer<T> {
        /** The answer in {@code data[0..length)}, or null to read more; {@code eof}: nothing more will come. */
        T parse(byte[] data, int length, boolean eof) throws IOException;
    }

    /** Reads until {@code answer} is complete; only on a connection nothing was read from yet. */
    <T> T read(Answer<T> answer) throws IOException {
        if (position != 0) {
            throw new IllegalStateException("read(Answer) after a line was read");
        }
        while (true) {
            if (limit == buffer.length && buffer.length >= MAX_ANSWER) {
                throw new IOException("answer longer than " + MAX_ANSWER + " bytes");
            }
            boolean more = fill();
            T parsed = answer.parse(buffer, limit, !more);
            if (parsed != null) {
                return parsed;
            }
            if (!more) {
                throw new IOException("No answer received");
            }
        }
    }

    /** Up to {@code max} bytes, until the server closes the connection. */
    byte[] readToEnd(int max) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (all.size() < max) {
            if (position == limit && !fill()) {
                break;
            }
            int n = Math.min(limit - position, max - all.size());
            all.write(buffer, position, n);
            position += n;
        }
        return all.toByteArray();
    }

    /** Exactly {@code n} bytes (n bounded by the caller). */
    byte[] readExactly(int n) throws IOException {
        byte[] data = new byte[n];
        int got = 0;
        while (got < n) {
            if (position == limit && !fill()) {
                throw new IOException("connection closed after " + got + " of " + n + " bytes");
            }
            int take = Math.min(limit - position, n - got);
            System.arraycopy(buffer, position, data, got, take);
            position += take;
            got += take;
        }
        return data;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
