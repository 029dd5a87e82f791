package org.jheartbeat.cli.compare;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

import org.jheartbeat.agents.kernel.NetworkNamespace;

/**
 * The service a director runs on the VIP: answers every UDP probe with its own node name. Its
 * socket lives in the director's namespace and is bound to the VIP even while the director
 * does not hold it (the namespace allows non-local binds), so it answers exactly while the VIP's
 * packets reach this director.
 */
final class VipResponder implements AutoCloseable {

    private final DatagramChannel channel;
    private final byte[] name;
    private final Thread thread;

    private VipResponder(DatagramChannel channel, String node) {
        this.channel = channel;
        this.name = node.getBytes(StandardCharsets.US_ASCII);
        // A platform thread: a blocking receive would pin a virtual thread's carrier anyway.
        this.thread = Thread.ofPlatform().name("responder-" + node).daemon().start(this::serve);
    }

    static VipResponder start(NetworkNamespace namespace, String node, InetSocketAddress vip) throws Exception {
        DatagramChannel channel = namespace.call(() -> DatagramChannel.open().bind(vip));
        return new VipResponder(channel, node);
    }

    private void serve() {
        ClientPriority.raiseCurrentThread();
        ByteBuffer in = ByteBuffer.allocate(64);
        ByteBuffer out = ByteBuffer.allocate(64);
        while (channel.isOpen()) {
            try {
                in.clear();
                SocketAddress client = channel.receive(in);
                out.clear();
                out.put(name).flip();
                channel.send(out, client);
            } catch (ClosedChannelException e) {
                return; // closed by close(): done
            } catch (IOException e) {
                // e.g. "Network is unreachable" while the director's link is down: keep serving
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
