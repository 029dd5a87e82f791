package org.jheartbeat.agents.lvs.check;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A TCP (optionally TLS) conversation with a real server in which every step waits only as
 * long as the check's deadline allows, and nothing the server sends can make it read more than a
 * bounded amount.
 */
final class CheckConnection implements Closeable {

    static final int MAX_LINE = 8 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Deadline deadline;

    private CheckConnection(Socket socket, Deadline deadline) throws IOException {
        this.socket = socket;
        this.deadline = deadline;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static CheckConnection open(InetAddress address, int port, Deadline deadline) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address, port), deadline.remainingMillis());
            return new CheckConnection(socket, deadline);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Connects, then completes a TLS handshake within the deadline. */
    static CheckConnection openTls(InetAddress address, int port, String hostName, Tls tls, Deadline deadline)
            throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, port), deadline.remainingMillis());
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

    void write(String text) throws IOException {
        socket.setSoTimeout(deadline.remainingMillis());
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void shutdownOutput() throws IOException {
        if (!(socket instanceof SSLSocket)) {
            socket.shutdownOutput();
        }
    }

    /** One line without its CR LF, or null at the end of the stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            socket.setSoTimeout(deadline.remainingMillis());
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    /** Up to {@code max} bytes, until the server closes the connection. */
    byte[] readToEnd(int max) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (all.size() < max) {
            socket.setSoTimeout(deadline.remainingMillis());
            int n = in.read(buffer, 0, Math.min(buffer.length, max - all.size()));
            if (n < 0) {
                break;
            }
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }

    /** Exactly {@code n} bytes (n bounded by the caller). */
    byte[] readExactly(int n) throws IOException {
        byte[] data = new byte[n];
        int got = 0;
        while (got < n) {
            socket.setSoTimeout(deadline.remainingMillis());
            int r = in.read(data, got, n - got);
            if (r < 0) {
                throw new IOException("connection closed after " + got + " of " + n + " bytes");
            }
            got += r;
        }
        return data;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
