package org.jheartbeat.core.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's control socket: a UNIX-domain stream socket where a client sends one command
 * line and reads the text answer until the server closes. It answers a fixed set of commands
 * (for now {@code status}, the membership table); the resource manager adds more.
 */
public final class ControlServer implements AutoCloseable {

    /** The socket's file name inside the run directory. */
    public static final String SOCKET_NAME = "control.sock";
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final int MAX_COMMAND = 1024;

    private final Path path;
    private final ServerSocketChannel server;
    private final Map<String, Supplier<String>> commands;
    private final Thread acceptor;

    private ControlServer(Path path, ServerSocketChannel server, Map<String, Supplier<String>> commands) {
        this.path = path;
        this.server = server;
        this.commands = Map.copyOf(commands);
        this.acceptor = Thread.ofVirtual().name("control-accept").start(this::acceptLoop);
    }

    /** Listens on {@code runDirectory/control.sock} (root-only), replacing a stale socket file. */
    public static ControlServer start(Path runDirectory, Map<String, Supplier<String>> commands) throws IOException {
        Files.createDirectories(runDirectory);
        Path path = runDirectory.resolve(SOCKET_NAME);
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        return new ControlServer(path, server, commands);
    }

    /** Sends one command to the daemon listening in {@code runDirectory} and returns its answer. */
    public static String ask(Path runDirectory, String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(runDirectory.resolve(SOCKET_NAME)))) {
            channel.write(StandardCharsets.UTF_8.encode(command + "\n"));
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().name("control-client").start(() -> serve(client));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("control socket accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                     StandardCharsets.UTF_8));
             OutputStream out = Channels.newOutputStream(client)) {
            String line = readBoundedLine(in);
            Supplier<String> command = line == null ? null : commands.get(line.strip());
            String answer = command != null ? command.get()
                    : "ERROR unknown command; known: " + String.join(" ", commands.keySet().stream().sorted().toList()) + "\n";
            out.write(answer.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.debug("control client: {}", e.toString());
        }
    }

    private static String readBoundedLine(BufferedReader in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (line.length() >= MAX_COMMAND) {
                return null;
            }
            line.append((char) c);
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
        Files.deleteIfExists(path);
    }
}
