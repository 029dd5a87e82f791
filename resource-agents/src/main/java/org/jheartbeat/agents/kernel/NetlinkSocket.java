package org.jheartbeat.agents.kernel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A netlink socket talking to the kernel, for any netlink protocol ({@link Netlink#NETLINK_ROUTE},
 * {@link Netlink#NETLINK_GENERIC}, ...). One request at a time: each gets the next sequence number,
 * and only kernel replies carrying that number and this socket's port id are accepted; anything
 * else (a late reply, a datagram from a user-space sender) is dropped and counted.
 *
 * <p>The socket lives in the network namespace of the thread that opened it. Replies are read
 * into a buffer that starts at {@code 32 KiB} and grows, up to {@link #MAX_DATAGRAM}, when the
 * kernel has a larger datagram waiting (it is measured with {@code MSG_PEEK|MSG_TRUNC} first,
 * so nothing is ever cut off). Every wait for a reply is bounded by the reply timeout.
 */
public final class NetlinkSocket implements AutoCloseable {

    /** The largest datagram this socket accepts. */
    public static final int MAX_DATAGRAM = 1 << 20;
    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(NetlinkSocket.class);
    private static final int SOCKADDR_NL_LENGTH = 12;
    private static final int DUMP_ATTEMPTS = 5;
    private static final long DROP_LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

    private final int protocol;
    private final int fd;
    private final int portId;
    private final Duration replyTimeout;
    /**
     * Buffers freed by the garbage collector once the socket is unreachable. Not a shared arena:
     * closing one waits for a handshake with every thread of the JVM, which took 0.4 to 4 ms in a
     * daemon, in the middle of a hand-off (an agent's action ends only when its socket is closed).
     */
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment kernelAddress;
    private final MemorySegment sourceAddress;
    private final MemorySegment iovec;
    private final MemorySegment msghdr;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger nextSeq = new AtomicInteger((int) (System.nanoTime() & 0x3FFFFFFF));
    private final AtomicLong dropped = new AtomicLong();
    private MemorySegment sendBuffer;
    private MemorySegment receiveBuffer;
    private long lastDropLog = System.nanoTime() - DROP_LOG_INTERVAL_NANOS;
    private boolean closed;

    private NetlinkSocket(int protocol, int fd, Duration replyTimeout, int initialBuffer) throws ErrnoException {
        this.protocol = protocol;
        this.fd = fd;
        this.replyTimeout = replyTimeout;
        this.kernelAddress = sockaddrNl(arena, 0);
        this.sourceAddress = arena.allocate(SOCKADDR_NL_LENGTH, 4);
        this.iovec = arena.allocate(Libc.IOVEC_SIZE, 8);
        this.msghdr = arena.allocate(Libc.MSGHDR_SIZE, 8);
        this.sendBuffer = arena.allocate(4096, 8);
        this.receiveBuffer = arena.allocate(initialBuffer, 8);
        Libc.bind(fd, sockaddrNl(arena, 0));
        MemorySegment own = arena.allocate(SOCKADDR_NL_LENGTH, 4);
        Libc.getsockname(fd, own);
        this.portId = own.get(JAVA_INT, 4);
        MemorySegment timeval = arena.allocate(16, 8);
        timeval.set(JAVA_LONG, 0, replyTimeout.toSeconds());
        timeval.set(JAVA_LONG, 8, replyTimeout.toMillisPart() * 1000L);
        Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, timeval);
        // Error replies without the echoed request, and with the kernel's explanation when it has one.
        Libc.setsockopt(fd, Netlink.SOL_NETLINK, Netlink.NETLINK_CAP_ACK, 1);
        Libc.setsockopt(fd, Netlink.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, 1);
    }

    /** Opens and binds a socket for {@code protocol} in the calling thread's network namespace. */
    public static NetlinkSocket open(int protocol) throws ErrnoException {
        return open(protocol, DEFAULT_REPLY_TIMEOUT);
    }

    public static NetlinkSocket open(int protocol, Duration replyTimeout) throws ErrnoException {
        return open(protocol, replyTimeout, 32 * 1024);
    }

    static NetlinkSocket open(int protocol, Duration replyTimeout, int initialBuffer) throws ErrnoException {
        int fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol);
        try {
            return new NetlinkSocket(protocol, fd, replyTimeout, initialBuffer);
        } catch (ErrnoException | RuntimeException e) {
            try {
                Libc.close(fd);
            } catch (ErrnoException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static MemorySegment sockaddrNl(Arena arena, int pid) {
        MemorySegment address = arena.allocate(SOCKADDR_NL_LENGTH, 4);
        address.set(JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
        address.set(JAVA_INT, 4, pid);
        return address;
    }

    public int protocol() {
        return protocol;
    }

    /** The port id the kernel gave this socket. */
    public int portId() {
        return portId;
    }

    /** Size of the receive buffer now (it grows for large datagrams). */
    public int receiveBufferSize() {
        return (int) receiveBuffer.byteSize();
    }

    /** Messages dropped because they were not replies to this socket's current request. */
    public long droppedMessages() {
        return dropped.get();
    }

    /** {@code setsockopt} with an int value, e.g. {@code NETLINK_ADD_MEMBERSHIP}. */
    public void setOption(int level, int name, int value) throws ErrnoException {
        Libc.setsockopt(fd, level, name, value);
    }

    /** Sends a request that changes something and waits for the kernel's acknowledgement. */
    public void command(NetlinkMessageWriter request) throws ErrnoException, NetlinkProtocolException {
        request(request);
    }

    /**
     * {@link #command} for a request the kernel may carry out without answering: netlink sends no
     * acknowledgement when a handler returns EINTR, as IPVS's daemon stop does when the daemon's
     * thread had not run yet. The kernel handles a request within the send, so its answer, if it
     * has one, is already queued when the send returns: no answer then means none will come.
     *
     * @return false when the kernel did not answer (whether it did the work is for the caller to check)
     */
    public boolean commandMaybeUnanswered(NetlinkMessageWriter request) throws ErrnoException, NetlinkProtocolException {
        return exchange(request, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | request.flags(), false, true) != null;
    }

    /**
     * Sends a request with {@code NLM_F_REQUEST | NLM_F_ACK} and returns the replies the kernel
     * sent before its acknowledgement (none for most commands, one for a GET of one object).
     */
    public List<NetlinkMessage> request(NetlinkMessageWriter request) throws ErrnoException, NetlinkProtocolException {
        return exchange(request, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | request.flags(), false, false);
    }

    /** A request that must be answered by exactly one message, e.g. a GET of one link. */
    public NetlinkMessage requestOne(NetlinkMessageWriter request) throws ErrnoException, NetlinkProtocolException {
        List<NetlinkMessage> replies = request(request);
        if (replies.size() != 1) {
            throw new NetlinkProtocolException(request.description() + ": expected one reply, got " + replies.size());
        }
        return replies.getFirst();
    }

    /**
     * Sends a dump request ({@code NLM_F_REQUEST | NLM_F_DUMP}) and returns every message up to
     * {@code NLMSG_DONE}. A dump the kernel marks inconsistent ({@code NLM_F_DUMP_INTR}, the table
     * changed meanwhile) is repeated.
     */
    public List<NetlinkMessage> dump(NetlinkMessageWriter request) throws ErrnoException, NetlinkProtocolException {
        for (int attempt = 1; ; attempt++) {
            List<NetlinkMessage> parts = exchange(request, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP | request.flags(),
                    true, false);
            boolean interrupted = parts.stream().anyMatch(m -> m.hasFlag(Netlink.NLM_F_DUMP_INTR));
            if (!interrupted) {
                return parts;
            }
            if (attempt == DUMP_ATTEMPTS) {
                throw new NetlinkProtocolException(request.description() + ": dump kept changing in "
                        + DUMP_ATTEMPTS + " attempts");
            }
        }
    }

    /** The replies before the acknowledgement or the dump's end; null when {@code mayBeUnanswered} and none came. */
    private List<NetlinkMessage> exchange(NetlinkMessageWriter request, int flags, boolean dump,
                                          boolean mayBeUnanswered) throws ErrnoException, NetlinkProtocolException {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("netlink socket is closed");
            }
            int seq = nextSeq.incrementAndGet();
            send(request.toBytes(seq, flags));
            if (mayBeUnanswered && !answerQueued()) {
                return null;
            }
            List<NetlinkMessage> replies = new ArrayList<>();
            while (true) {
                for (NetlinkMessage message : receive(request)) {
                    if (message.seq() != seq || message.portId() != portId) {
                        drop("a message for sequence " + message.seq() + " port " + message.portId()
                                + " while waiting for " + seq);
                        continue;
                    }
                    switch (message.type()) {
                        case Netlink.NLMSG_ERROR -> {
                            NetlinkErrorMessage error = NetlinkErrorMessage.parse(message);
                            if (!error.isAck()) {
                                throw new NetlinkException(request.description(), -error.error(), error.kernelMessage());
                            }
                            if (!dump) {
                                return replies;
                            }
                        }
                        case Netlink.NLMSG_DONE -> {
                            ByteBuffer body = message.payload();
                            int status = body.remaining() >= 4 ? body.getInt(0) : 0;
                            if (status < 0) {
                                throw new NetlinkException(request.description(), -status, "");
                            }
                            return replies;
                        }
                        case Netlink.NLMSG_NOOP -> {
                        }
                        case Netlink.NLMSG_OVERRUN ->
                                throw new NetlinkProtocolException(request.description() + ": kernel reported an overrun");
                        default -> replies.add(message);
                    }
                }
            }
        } catch (MalformedNetlinkException e) {
            throw new NetlinkProtocolException(request.description() + ": malformed reply: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void send(byte[] message) throws ErrnoException {
        if (sendBuffer.byteSize() < message.length) {
            sendBuffer = arena.allocate(Math.max(message.length, sendBuffer.byteSize() * 2), 8);
        }
        MemorySegment.copy(message, 0, sendBuffer, JAVA_BYTE, 0, message.length);
        Libc.sendto(fd, sendBuffer, message.length, 0, kernelAddress);
    }

    /** Whether a datagram waits on the socket, without waiting for one. */
    private boolean answerQueued() throws ErrnoException {
        try {
            recvmsg(Libc.MSG_PEEK | Libc.MSG_TRUNC | Libc.MSG_DONTWAIT);
            return true;
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EAGAIN) {
                return false;
            }
            throw e;
        }
    }

    /** Reads the next datagram from the kernel and splits it into messages. */
    private List<NetlinkMessage> receive(NetlinkMessageWriter request) throws ErrnoException, NetlinkProtocolException {
        while (true) {
            long waiting = receiveInto(Libc.MSG_PEEK | Libc.MSG_TRUNC, request);
            if (waiting > receiveBuffer.byteSize()) {
                if (waiting > MAX_DATAGRAM) {
                    receiveInto(0, request);
                    throw new NetlinkProtocolException(request.description() + ": reply datagram of " + waiting
                            + " bytes exceeds the " + MAX_DATAGRAM + "-byte limit");
                }
                receiveBuffer = arena.allocate(Math.max(waiting, receiveBuffer.byteSize() * 2), 8);
            }
            long length = receiveInto(0, request);
            if ((msghdr.get(JAVA_INT, Libc.MSGHDR_FLAGS) & Libc.MSG_TRUNC) != 0) {
                throw new NetlinkProtocolException(request.description() + ": reply datagram truncated");
            }
            int sender = sourceAddress.get(JAVA_INT, 4);
            if (sender != 0) {
                drop("a datagram from user-space port " + sender);
                continue;
            }
            return NetlinkMessage.parseAll(receiveBuffer.asSlice(0, length).asByteBuffer());
        }
    }

    private long receiveInto(int flags, NetlinkMessageWriter request) throws ErrnoException, NetlinkProtocolException {
        try {
            return recvmsg(flags);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EAGAIN) {
                throw new NetlinkProtocolException(request.description() + ": no reply from the kernel within "
                        + replyTimeout.toMillis() + " ms", e);
            }
            throw e;
        }
    }

    /** One recvmsg into the receive buffer, the sender's address into {@code sourceAddress}. */
    private long recvmsg(int flags) throws ErrnoException {
        return Libc.recvmsg(fd, msghdr, iovec, receiveBuffer, sourceAddress, SOCKADDR_NL_LENGTH, flags);
    }

    private void drop(String what) {
        long count = dropped.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastDropLog >= DROP_LOG_INTERVAL_NANOS) {
            lastDropLog = now;
            LOG.warn("netlink socket {}: dropped {} ({} dropped so far)", portId, what, count);
        }
    }

    @Override
    public void close() throws ErrnoException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Libc.close(fd); // the buffers go with the last reference to this socket
        } finally {
            lock.unlock();
        }
    }
}
