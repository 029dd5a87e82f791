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

import org.jheartbeat.core.control.ControlServer;

/**
 * The workload the launcher records when it builds cl_status's ahead-of-time cache
 * ({@code -XX:AOTCacheOutput}): cl_status's sub-commands against a throw-away socket that
 * answers like a daemon, and against no daemon at all, so that every class a real call loads
 * (socket, parsing, error lines) is in the cache. Prints nothing; not a test of anything.
 */
public final class ClStatusTraining {

    private static final String CLUSTER = "ok\nversion\t3.0.6\npacemaker\tfalse\nrsc\tnone\n"
            + "node\tx1\tnormal\tactive\t100\t\nlink\teth0\tup\nnode\tgw\tping\tping\t100\t\nlink\tgw\tup\n";

    private ClStatusTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("cl_status-training");
        Path socket = dir.resolve(ControlServer.SOCKET_NAME);
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread responder = new Thread(() -> respond(server), "training-daemon");
            responder.setDaemon(true);
            responder.start();
            String[][] calls = {{"hbstatus"}, {"hbstatus", "-v"}, {"listnodes"}, {"nodestatus", "x1"},
                    {"hblinkstatus", "x1", "eth0"}, {"rscstatus"}, {"hbparameter", "-p", "deadtime"},
                    {"clientstatus", "x1", "ipfail"}, {"nodestatus"}, {"bogus"}};
            for (int round = 0; round < 3; round++) {
                for (String[] call : calls) {
                    new ClStatusCommand(sink, sink, dir).run(call);
                }
                new ClStatusCommand(sink, sink, dir.resolve("stopped")).run(new String[] {"hbstatus"});
                new ClStatusCommand(sink, sink, dir.resolve("stopped")).run(new String[] {"rscstatus"});
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    private static void respond(ServerSocketChannel server) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                answer(client);
            } catch (IOException e) {
                // a call that connected and asked nothing (a parameter error); next one
            }
        }
    }

    private static void answer(SocketChannel client) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(600);
        while (client.read(in) > 0 && in.get(in.position() - 1) != '\n') {
            // until the request line is complete
        }
        String request = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII).strip();
        String answer = request.equals("cluster") ? CLUSTER
                : request.startsWith("client ") ? "ok\nonline\n" : "ok\n6\n";
        client.write(StandardCharsets.UTF_8.encode(answer));
    }
}
