package org.jheartbeat.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.jheartbeat.core.control.ControlServer;

/**
 * A throw-away control socket that answers like a daemon, for the workloads the launcher records
 * when it builds a command's ahead-of-time cache ({@code -XX:AOTCacheOutput}): a command run
 * against it loads every class a real call loads. Not a test of anything.
 */
final class TrainingDaemon implements AutoCloseable {

    /** Where the commands' output goes during training. */
    static final PrintStream SINK = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);

    private final Path directory;
    private final ServerSocketChannel server;

    private TrainingDaemon(Path directory, ServerSocketChannel server, UnaryOperator<String> answers) {
        this.directory = directory;
        this.server = server;
        Thread responder = new Thread(() -> respond(answers), "training-daemon");
        responder.setDaemon(true);
        responder.start();
    }

    /**
     * Listens in a new temporary run directory: under the temporary directory, or on /dev/shm
     * when sockets cannot live there (a network file system, as in the kernel lab, refuses them).
     * {@code answers} turns a request line into the answer text.
     */
    static TrainingDaemon start(String name, UnaryOperator<String> answers) throws IOException {
        IOException refused = null;
        for (Path parent : List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of("/dev/shm"))) {
            Path directory = Files.createTempDirectory(parent, name + "-training");
            ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.bind(UnixDomainSocketAddress.of(directory.resolve(ControlServer.SOCKET_NAME)));
                return new TrainingDaemon(directory, channel, answers);
            } catch (IOException e) {
                channel.close();
                Files.deleteIfExists(directory);
                refused = e;
            }
        }
        throw refused;
    }

    /** The run directory to point the command at. */
    Path runDirectory() {
        return directory;
    }

    /** A run directory where no daemon listens. */
    Path stoppedRunDirectory() {
        return directory.resolve("stopped");
    }

    private void respond(UnaryOperator<String> answers) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(600);
                while (client.read(in) > 0 && in.get(in.position() - 1) != '\n') {
                    // until the request line is complete
                }
                String request = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII).strip();
                client.write(StandardCharsets.UTF_8.encode(answers.apply(request)));
            } catch (IOException e) {
                // a call that connected and asked nothing (a parameter error); next one
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(directory.resolve(ControlServer.SOCKET_NAME));
        Files.deleteIfExists(directory);
    }
}
