package org.jheartbeat.core.membership;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketException;

import org.jgroups.Global;
import org.jgroups.protocols.UDP;
import org.jgroups.stack.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A medium socket's receiving loop, JGroups' own except that each datagram goes up with the
 * time it arrived ({@link DatagramArrival}), taken before any decoding. Its thread is made by
 * the transport's factory ({@link RealtimeReceiverThreads}: realtime) and handles each message
 * itself, up to the node table.
 */
final class ArrivalStampingReceiver extends UDP.PacketReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(ArrivalStampingReceiver.class);
    /** Room for any datagram (IPv4 at most 65535 bytes). */
    private static final int BUFFER = 65536;

    private final MediumTransport transport;
    private final DatagramSocket socket;
    private final String name;
    private final DatagramArrival arrival;
    private final RateLimitedLog failureLog = new RateLimitedLog(LOG, 10_000);
    private Thread thread; // guarded by this

    ArrivalStampingReceiver(MediumTransport transport, DatagramSocket socket, String name) {
        transport.super(socket, name);
        this.transport = transport;
        this.socket = socket;
        this.name = name;
        this.arrival = DatagramArrival.of(socket);
    }

    @Override
    public synchronized void start() {
        if (thread == null || !thread.isAlive()) {
            thread = transport.getThreadFactory().newThread(this, name);
            thread.start();
        }
    }

    @Override
    public void stop() {
        Thread running;
        synchronized (this) {
            running = thread;
            thread = null;
        }
        if (running != null && running.isAlive()) {
            running.interrupt(); // closes the socket's channel under a blocked receive
            try {
                running.join(Global.THREAD_SHUTDOWN_WAIT_TIME);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized boolean isCurrent() {
        return thread == Thread.currentThread();
    }

    @Override
    public void run() {
        byte[] buffer = new byte[BUFFER];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (isCurrent()) {
            try {
                socket.receive(packet);
                long arrived = arrival.arrivedNanos(System.nanoTime());
                transport.receive(new IpAddress(packet.getAddress(), packet.getPort()), buffer, packet.getOffset(),
                        packet.getLength(), arrived);
            } catch (SocketException e) {
                if (socket.isClosed()) {
                    return;
                }
                failureLog.warn(name, "Receiving on " + name + " failed: " + e);
            } catch (RuntimeException e) {
                failureLog.warn(name, "Handling a packet received on " + name + " failed: " + e);
            } catch (IOException e) {
                failureLog.warn(name, "Receiving on " + name + " failed: " + e);
            }
        }
    }
}
