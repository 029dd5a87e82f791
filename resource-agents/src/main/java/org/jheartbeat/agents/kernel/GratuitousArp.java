package org.jheartbeat.agents.kernel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A burst of gratuitous ARPs announcing that {@code ip} now lives at a MAC, the way send_arp
 * does it: {@code count} pairs, each a request then (half an interval later) a reply, pairs
 * {@code interval} apart. The first request leaves from {@link #start}, the rest from a thread
 * of its own; {@link #stop()} ends it early. A burst can also be prepared ahead and fired later
 * ({@link #prepare}), for a takeover that may come.
 *
 * <p>The packet socket is opened by {@link #start} on the caller's thread, so it belongs to the
 * caller's network namespace and a failure to open it is reported to the caller.
 */
public final class GratuitousArp implements AutoCloseable {

    /** IPaddr2 / SendArp defaults: 5 pairs, 200 ms apart. */
    public static final int DEFAULT_COUNT = 5;
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(200);

    private static final Logger LOG = LoggerFactory.getLogger(GratuitousArp.class);
    /**
     * Closes finished bursts' sockets. A native call that blocks pins a virtual thread's carrier,
     * and closing a packet socket blocks for an RCU grace period: one platform thread absorbs that.
     */
    private static final Executor CLOSER = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("packet-socket-closer").daemon().unstarted(r));

    private final PacketSocket socket;
    private final byte[] request;
    private final byte[] reply;
    private final int count;
    private final Duration interval;
    private final String description;
    private final AtomicInteger framesSent = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Exception failure;
    /** Set by the first request, before the sender thread starts, which then reports it. */
    private ErrnoException firstFrameFailure;
    private Thread sender; // guarded by this
    private boolean stopped; // guarded by this

    private GratuitousArp(PacketSocket socket, List<byte[]> frames, String description, int count, Duration interval) {
        this.socket = socket;
        this.request = frames.get(0);
        this.reply = frames.get(1);
        this.count = count;
        this.interval = interval;
        this.description = description;
    }

    /**
     * Opens a packet socket on {@code link} and starts sending in the background.
     *
     * @param announcedMac the MAC to announce; null means the interface's own
     * @throws IllegalArgumentException when the link has no Ethernet address, or count/interval are not positive
     */
    public static GratuitousArp start(Link link, Inet4Address ip, MacAddress announcedMac, int count, Duration interval)
            throws ErrnoException {
        GratuitousArp burst = prepare(link, ip, announcedMac, count, interval);
        // The first request leaves from the caller: a takeover's clients wait for it, and a new
        // thread on a busy machine can take milliseconds to be scheduled.
        burst.sendFirstRequest();
        burst.sendTheRest();
        return burst;
    }

    /**
     * Opens the packet socket and builds the frames, sending nothing: {@link #sendFirstRequest}
     * then {@link #sendTheRest} run the burst, or {@link #stop} releases it unsent.
     *
     * @param announcedMac the MAC to announce; null means the interface's own
     * @throws IllegalArgumentException when the link has no Ethernet address, or count/interval are not positive
     */
    public static GratuitousArp prepare(Link link, Inet4Address ip, MacAddress announcedMac, int count,
                                        Duration interval) throws ErrnoException {
        if (!canAnnounce(link)) {
            throw new IllegalArgumentException("Cannot find mac address for " + link.name()
                    + " (gratuitous ARP needs an Ethernet interface)");
        }
        if (count <= 0 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("count and interval must be positive: " + count + ", " + interval);
        }
        List<byte[]> frames = frames(link, ip, announcedMac);
        return new GratuitousArp(PacketSocket.openForSending(link.index()), frames,
                ip.getHostAddress() + " on " + link.name(), count, interval);
    }

    /**
     * Sends the burst's first request from the calling thread (any thread: the socket keeps the
     * namespace it was opened in). A failure is not thrown: it ends the burst, which reports it
     * as it would one during the burst. True when the frame left.
     */
    public boolean sendFirstRequest() {
        try {
            send(request);
            return true;
        } catch (ErrnoException e) {
            firstFrameFailure = e;
            return false;
        }
    }

    /** Sends the rest of the burst from a thread of its own, after {@link #sendFirstRequest}. */
    public void sendTheRest() {
        // A platform thread, not a virtual one: this often runs on a thread that has joined
        // another network namespace, and a virtual thread started there can make the scheduler
        // create a carrier thread inside that namespace; every virtual thread later mounted on
        // that carrier would then open its sockets there (ldirectord's checks among them).
        Thread thread = Thread.ofPlatform().daemon().name("garp-" + description).unstarted(this::run);
        synchronized (this) {
            if (stopped) {
                return;
            }
            sender = thread;
        }
        thread.start();
    }

    /**
     * The request and reply frames a burst for {@code ip} on {@code link} sends, built without
     * sending anything (a warm-up runs this; start builds the same).
     *
     * @param announcedMac the MAC to announce; null means the interface's own
     */
    public static List<byte[]> frames(Link link, Inet4Address ip, MacAddress announcedMac) {
        MacAddress interfaceMac = link.mac().orElseThrow(() -> new IllegalArgumentException(
                "Cannot find mac address for " + link.name()));
        MacAddress mac = announcedMac == null ? interfaceMac : announcedMac;
        return List.of(ArpFrame.gratuitous(ArpFrame.REQUEST, interfaceMac, mac, ip).toBytes(),
                ArpFrame.gratuitous(ArpFrame.REPLY, interfaceMac, mac, ip).toBytes());
    }

    /** Whether {@code link} is an Ethernet interface with a hardware address, where ARP makes sense. */
    public static boolean canAnnounce(Link link) {
        return link.type() == RtNetlink.ARPHRD_ETHER && link.mac().isPresent();
    }

    private void run() {
        long halfNanos = interval.toNanos() / 2;
        try {
            if (firstFrameFailure != null) {
                throw firstFrameFailure;
            }
            for (int pair = 0; pair < count; pair++) {
                if (pair > 0) {
                    send(request);
                }
                TimeUnit.NANOSECONDS.sleep(halfNanos);
                send(reply);
                if (pair + 1 < count) {
                    TimeUnit.NANOSECONDS.sleep(halfNanos);
                }
            }
        } catch (InterruptedException stopped) {
            LOG.debug("gratuitous ARP for {} stopped after {} frames", description, framesSent.get());
        } catch (ErrnoException e) {
            failure = e;
            LOG.warn("gratuitous ARP for {} failed after {} frames: {}", description, framesSent.get(), e.getMessage());
        } finally {
            release();
        }
    }

    private void release() {
        // Finished before the close: closing a packet socket waits for an RCU grace period,
        // and nobody waiting for the burst to end should wait for that too.
        finished.countDown();
        CLOSER.execute(() -> {
            try {
                socket.close();
            } catch (ErrnoException e) {
                LOG.debug("closing packet socket for {}: {}", description, e.getMessage());
            }
        });
    }

    private void send(byte[] frame) throws ErrnoException {
        socket.send(frame);
        framesSent.incrementAndGet();
    }

    /** Frames sent so far (requests and replies). */
    public int framesSent() {
        return framesSent.get();
    }

    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    /** Waits for the burst to end; returns false if it is still running after {@code timeout}. */
    public boolean await(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The send error that ended the burst early, if any. */
    public Exception failure() {
        return failure;
    }

    /**
     * Stops sending (no-op when already finished) and waits until no further frame can leave;
     * releases a prepared burst that never started.
     */
    public void stop() {
        Thread running;
        synchronized (this) {
            running = sender;
            boolean first = !stopped;
            stopped = true;
            if (running == null) {
                if (first) {
                    release();
                }
                return;
            }
        }
        running.interrupt();
        boolean interrupted = false;
        while (true) {
            try {
                finished.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
