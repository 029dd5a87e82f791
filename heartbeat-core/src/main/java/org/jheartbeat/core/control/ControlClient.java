package org.jheartbeat.core.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The client side of the control socket, for cl_status, hb_standby and hb_takeover: connect
 * (Heartbeat's "sign on"), then at most one request per connection. Kept free of logging and
 * other heavy classes: cl_status starts a JVM per call and every class loaded shows in its
 * run time.
 */
public final class ControlClient implements AutoCloseable {

    /** Where the daemon listens unless told otherwise (Heartbeat's run directory). */
    public static final Path DEFAULT_RUN_DIRECTORY = Path.of("/var/run/heartbeat");

    /** The daemon did not answer within the time given. */
    public static final class TimeoutException extends IOException {
        TimeoutException(Duration timeout) {
            super("no answer within " + timeout.toMillis() + " ms");
        }
    }

    private final SocketChannel channel;

    private ControlClient(SocketChannel channel) {
        this.channel = channel;
    }

    /** The run directory from {@code JHEARTBEAT_RUN_DIR} if set (tests, several daemons on one host), else the default. */
    public static Path runDirectory() {
        String dir = System.getenv("JHEARTBEAT_RUN_DIR");
        return dir == null || dir.isEmpty() ? DEFAULT_RUN_DIRECTORY : Path.of(dir);
    }

    /**
     * Connects to the daemon of {@code runDirectory}.
     *
     * @throws IOException when nobody listens; the message names the cause (no such file,
     *                     connection refused, permission denied)
     */
    public static ControlClient connect(Path runDirectory) throws IOException {
        return new ControlClient(SocketChannel.open(UnixDomainSocketAddress.of(
                runDirectory.resolve(ControlServer.SOCKET_NAME))));
    }

    /** Connects, sends one request and returns the raw answer. */
    public static String ask(Path runDirectory, String request, Duration timeout) throws IOException {
        try (ControlClient client = connect(runDirectory)) {
            return client.exchange(request, timeout);
        }
    }

    /**
     * Sends one request and reads the answer until the daemon closes; usable once.
     *
     * @throws TimeoutException when the exchange takes longer than {@code timeout}
     */
    public String exchange(String request, Duration timeout) throws IOException {
        Thread watchdog = closeAfter(timeout);
        try {
            channel.write(ByteBuffer.wrap((request.endsWith("\n") ? request : request + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream(512);
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.read(buffer) != -1) {
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return answer.toString(StandardCharsets.UTF_8);
        } catch (ClosedChannelException e) {
            throw new TimeoutException(timeout); // only the watchdog closes it (AsynchronousCloseException is one)
        } finally {
            watchdog.interrupt();
        }
    }

    /** Sends a request and parses the answer. */
    public ControlAnswer request(ControlRequest request, Duration timeout) throws IOException {
        return ControlAnswer.parse(exchange(request.line(), timeout));
    }

    /** A daemon thread that closes the channel when the time is up, which ends a blocked read. */
    private Thread closeAfter(Duration timeout) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(timeout);
                channel.close();
            } catch (InterruptedException | IOException e) {
                // answered in time
            }
        }, "control-timeout");
        watchdog.setDaemon(true);
        watchdog.start();
        return watchdog;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
