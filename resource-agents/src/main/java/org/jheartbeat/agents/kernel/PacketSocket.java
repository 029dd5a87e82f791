package org.jheartbeat.agents.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.jheartbeat.core.membership.ArrivalTime;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * An {@code AF_PACKET}/{@code SOCK_RAW} socket bound to one interface and one EtherType: frames
 * are sent exactly as given (Ethernet header included) and received whole. Needs CAP_NET_RAW.
 * Lives in the network namespace of the thread that opened it.
 */
public final class PacketSocket implements AutoCloseable {

    public static final int ETH_P_ARP = 0x0806;

    /** {@code sll_pkttype} values. */
    public static final int PACKET_BROADCAST = 1;
    public static final int PACKET_OUTGOING = 4;

    private static final int SOCKADDR_LL_LENGTH = 20;
    private static final int MAX_FRAME = 65536;

    /**
     * A received frame.
     *
     * @param data          the frame from the Ethernet destination on
     * @param packetType    {@code sll_pkttype}: {@link #PACKET_BROADCAST}, {@link #PACKET_OUTGOING}, ...
     * @param receivedNanos when the kernel received the frame, on {@link System#nanoTime()}'s scale
     *                      (its receive timestamp: a reader that woke late does not move it; the
     *                      time of reading when the kernel has no timestamp)
     */
    public record Frame(byte[] data, int packetType, long receivedNanos) {
    }

    private final int fd;
    private final int ifindex;
    /** Buffers freed by the garbage collector, for the reason {@link NetlinkSocket}'s are. */
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment destination;
    // Allocated on first use: a send-only socket never receives, and ARP frames are 42 bytes.
    private MemorySegment sendBuffer = MemorySegment.NULL;
    private MemorySegment receiveBuffer = MemorySegment.NULL;
    private final MemorySegment source;
    private final MemorySegment iovec;
    private final MemorySegment msghdr;
    private final MemorySegment timeval;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ReentrantLock receiveLock = new ReentrantLock();
    private volatile boolean closed;

    private PacketSocket(int fd, int ifindex, int ethertype) throws ErrnoException {
        this.fd = fd;
        this.ifindex = ifindex;
        this.destination = sockaddrLl(ifindex, ETH_P_ARP);
        this.source = arena.allocate(SOCKADDR_LL_LENGTH, 4);
        this.iovec = arena.allocate(Libc.IOVEC_SIZE, 8);
        this.msghdr = arena.allocate(Libc.MSGHDR_SIZE, 8);
        this.timeval = arena.allocate(16, 8);
        Libc.bind(fd, sockaddrLl(ifindex, ethertype));
        if (ethertype != 0) {
            stampedArrival(System.nanoTime()); // the first ask turns the kernel's receive timestamps on
        }
    }

    /**
     * Opens a raw packet socket on interface {@code ifindex} that receives (and may send) frames
     * of {@code ethertype}.
     */
    public static PacketSocket open(int ifindex, int ethertype) throws ErrnoException {
        return create(ifindex, ethertype);
    }

    /**
     * Opens a raw packet socket on interface {@code ifindex} that only sends: it registers no
     * receive hook, so the kernel queues nothing for it.
     */
    public static PacketSocket openForSending(int ifindex) throws ErrnoException {
        return create(ifindex, 0);
    }

    private static PacketSocket create(int ifindex, int ethertype) throws ErrnoException {
        // Protocol 0 at socket() and the real one at bind(): a socket created with a protocol is
        // already hooked in, and re-binding it waits for an RCU grace period (synchronize_net),
        // which costs milliseconds to tens of milliseconds on a busy host.
        int fd = Libc.socket(Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, 0);
        try {
            return new PacketSocket(fd, ifindex, ethertype);
        } catch (ErrnoException | RuntimeException e) {
            try {
                Libc.close(fd);
            } catch (ErrnoException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static int htons(int value) {
        return ((value & 0xFF) << 8) | ((value >>> 8) & 0xFF);
    }

    private MemorySegment sockaddrLl(int index, int protocol) {
        MemorySegment address = arena.allocate(SOCKADDR_LL_LENGTH, 4);
        address.set(JAVA_SHORT, 0, (short) Libc.AF_PACKET);
        address.set(JAVA_BYTE, 2, (byte) (protocol >>> 8));
        address.set(JAVA_BYTE, 3, (byte) protocol);
        address.set(JAVA_INT, 4, index);
        return address;
    }

    public int ifindex() {
        return ifindex;
    }

    /**
     * Sends one complete Ethernet frame (destination MAC first). The kernel takes the frame as
     * is; the EtherType in the frame is what the wire sees.
     */
    public void send(byte[] frame) throws ErrnoException {
        if (frame.length < 14 || frame.length > MAX_FRAME) {
            throw new IllegalArgumentException("an Ethernet frame has 14.." + MAX_FRAME + " bytes, not " + frame.length);
        }
        sendLock.lock();
        try {
            ensureOpen();
            if (sendBuffer.byteSize() < frame.length) {
                sendBuffer = arena.allocate(Math.max(frame.length, 128), 8);
            }
            MemorySegment.copy(frame, 0, sendBuffer, JAVA_BYTE, 0, frame.length);
            // sll_protocol = the frame's EtherType (the kernel tags the packet with it);
            // sll_addr = the frame's destination, which SOCK_RAW ignores but it documents intent.
            destination.set(JAVA_BYTE, 2, frame[12]);
            destination.set(JAVA_BYTE, 3, frame[13]);
            destination.set(JAVA_BYTE, 11, (byte) 6);
            MemorySegment.copy(frame, 0, destination, JAVA_BYTE, 12, 6);
            Libc.sendto(fd, sendBuffer, frame.length, 0, destination);
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} for the next frame (incoming or outgoing) on the interface.
     *
     * @return the frame, or empty when none arrived in time
     */
    public Optional<Frame> receive(Duration timeout) throws ErrnoException {
        receiveLock.lock();
        try {
            ensureOpen();
            if (receiveBuffer.byteSize() == 0) {
                receiveBuffer = arena.allocate(MAX_FRAME, 8);
            }
            long micros = Math.max(1, timeout.toNanos() / 1000);
            timeval.set(JAVA_LONG, 0, micros / 1_000_000);
            timeval.set(JAVA_LONG, 8, micros % 1_000_000);
            Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, timeval);
            long length;
            try {
                length = Libc.recvmsg(fd, msghdr, iovec, receiveBuffer, source, SOCKADDR_LL_LENGTH, 0);
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EAGAIN || e.errno() == Errno.EINTR) {
                    return Optional.empty();
                }
                throw e;
            }
            long arrived = stampedArrival(System.nanoTime());
            byte[] data = receiveBuffer.asSlice(0, length).toArray(JAVA_BYTE);
            return Optional.of(new Frame(data, source.get(JAVA_BYTE, 10) & 0xFF, arrived));
        } finally {
            receiveLock.unlock();
        }
    }

    /** The kernel's receive timestamp of the frame just read; {@code readNanos} when there is none. */
    private long stampedArrival(long readNanos) {
        try {
            Libc.ioctl(fd, Libc.SIOCGSTAMPNS, timeval);
        } catch (ErrnoException e) {
            return readNanos;
        }
        return ArrivalTime.fromStamp(timeval.get(JAVA_LONG, 0), timeval.get(JAVA_LONG, 8), readNanos);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("packet socket is closed");
        }
    }

    /**
     * Closes the socket. The kernel waits for an RCU grace period while closing a packet socket
     * (synchronize_net), so this can take milliseconds on a busy host: close off the hot path.
     */
    @Override
    public void close() throws ErrnoException {
        sendLock.lock();
        receiveLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Libc.close(fd); // the buffers go with the last reference to this socket
        } finally {
            receiveLock.unlock();
            sendLock.unlock();
        }
    }
}
