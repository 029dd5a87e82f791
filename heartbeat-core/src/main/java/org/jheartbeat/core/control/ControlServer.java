package org.jheartbeat.core.control;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import org.jheartbeat.core.membership.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's control socket: a UNIX-domain stream socket where a client sends one request
 * line ({@link ControlRequest}) and reads the answer until the server closes.
 *
 * <p>The socket is only for root and group {@code haclient} ({@link SocketAccess}); even so it
 * is treated as an input from the outside: a request is bounded in length and in the time it
 * may take to arrive, only so many clients are served at once, and malformed requests are
 * answered with an error and logged at a bounded rate.
 */
public final class ControlServer implements AutoCloseable {

    /** The socket's file name inside the run directory. */
    public static final String SOCKET_NAME = "control.sock";
    /** A client must have sent its whole request line within this time. */
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(2);
    /** Clients served at the same time; more are turned away at once. */
    static final int MAX_CLIENTS = 32;
    /** What we read and drop after refusing an oversized request, so the client still gets our answer. */
    private static final long MAX_DISCARD = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

    private final Path path;
    private final ServerSocketChannel server;
    private final ControlHandler handler;
    private final Semaphore slots = new Semaphore(MAX_CLIENTS);
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, 10_000);
    private final Thread acceptor;

    private ControlServer(Path path, ServerSocketChannel server, ControlHandler handler) {
        this.path = path;
        this.server = server;
        this.handler = handler;
        this.acceptor = Thread.ofVirtual().name("control-accept").start(this::acceptLoop);
    }

    /**
     * Listens on {@code runDirectory/control.sock}, replacing a stale socket file. The socket is
     * bound under a temporary name and renamed once its permissions are set, so no client can
     * connect through a moment of default permissions.
     */
    public static ControlServer start(Path runDirectory, ControlHandler handler) throws IOException {
        SocketAccess.prepareDirectory(runDirectory);
        Path path = runDirectory.resolve(SOCKET_NAME);
        Path staging = runDirectory.resolve(SOCKET_NAME + "." + ProcessHandle.current().pid());
        Files.deleteIfExists(staging);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(staging));
            SocketAccess.restrictSocket(staging);
            Files.move(staging, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(staging);
            throw e;
        }
        return new ControlServer(path, server, handler);
    }

    /** Sends one request to the daemon listening in {@code runDirectory} and returns its raw answer. */
    public static String ask(Path runDirectory, String request) throws IOException {
        return ControlClient.ask(runDirectory, request, Duration.ofSeconds(10));
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                if (!slots.tryAcquire()) {
                    warnings.warn("control", "control socket: too many clients at once (" + MAX_CLIENTS
                            + "), one turned away");
                    client.close();
                    continue;
                }
                Thread.ofVirtual().name("control-client").start(() -> {
                    try {
                        serve(client);
                    } finally {
                        slots.release();
                    }
                });
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("control socket accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            Optional<String> line = readRequest(client);
            if (line.isEmpty()) {
                return;
            }
            Optional<ControlRequest> request = ControlRequest.parse(line.get());
            String answer;
            if (request.isEmpty()) {
                warnings.warn("control", "control socket: refused a malformed request of " + line.get().length()
                        + " characters");
                answer = ControlAnswer.error("malformed request").render();
            } else {
                answer = handler.answer(request.get());
            }
            client.write(StandardCharsets.UTF_8.encode(answer));
        } catch (IOException | RuntimeException e) {
            LOG.debug("control client: {}", e.toString());
        }
    }

    /**
     * Reads one line of at most {@link ControlRequest#MAX_LENGTH} bytes within
     * {@link #REQUEST_DEADLINE}; a client that is slower, or sends more, is cut off.
     */
    private Optional<String> readRequest(SocketChannel client) throws IOException {
        Thread watchdog = Thread.ofVirtual().name("control-deadline").start(() -> {
            try {
                Thread.sleep(REQUEST_DEADLINE);
                client.close();
            } catch (InterruptedException | IOException e) {
                // done in time, or already closed
            }
        });
        try {
            InputStream in = Channels.newInputStream(client);
            ByteBuffer line = ByteBuffer.allocate(ControlRequest.MAX_LENGTH + 1);
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (!line.hasRemaining()) {
                    warnings.warn("control", "control socket: refused a request longer than " + ControlRequest.MAX_LENGTH
                            + " bytes");
                    client.write(StandardCharsets.UTF_8.encode(ControlAnswer.error("request too long").render()));
                    client.shutdownOutput();
                    discard(in); // closing with unread input would reset the connection before the client reads our answer
                    return Optional.empty();
                }
                line.put((byte) b);
            }
            if (b == -1 && line.position() == 0) {
                return Optional.empty(); // connected and left: a liveness probe
            }
            return Optional.of(new String(line.array(), 0, line.position(), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            if (!client.isOpen()) {
                warnings.warn("control", "control socket: a client did not send its request within "
                        + REQUEST_DEADLINE.toMillis() + " ms");
                return Optional.empty();
            }
            throw e;
        } finally {
            watchdog.interrupt();
        }
    }

    /** Reads and drops what the client still sends, up to a bound (the request deadline also applies). */
    private static void discard(InputStream in) throws IOException {
        byte[] sink = new byte[4096];
        long left = MAX_DISCARD;
        int n;
        while (left > 0 && (n = in.read(sink)) != -1) {
            left -= n;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
        Files.deleteIfExists(path);
    }
}
