package org.jheartbeat.agents.kernel;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;


/**
 * A non-blocking AF_UNIX datagram socket on the project's libc bindings: what syslog's
 * {@code /dev/log} speaks. The JDK's UNIX domain sockets are stream sockets only. Sending never
 * blocks: a missing, refusing or full receiver is an error code, not a wait. Linux only.
 */
public final class UnixDatagramSocket implements AutoCloseable {

    public static final int ENOENT = 2;
    public static final int EAGAIN = 11;
    public static final int ECONNREFUSED = 111;
    public static final int ENOTCONN = 107;
    private static final int EINTR = 4;
    private static final int AF_UNIX = 1;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int SUN_PATH_OFFSET = 2;
    private static final int SOCKADDR_UN_SIZE = 110;
    private static final int MAX_DATAGRAM = 65536;

    private final int fd;
    private volatile boolean closed;

    private UnixDatagramSocket(int fd) {
        this.fd = fd;
    }

    /** An unbound socket for sending. */
    public static UnixDatagramSocket open() throws IOException {
        return new UnixDatagramSocket(Libc.socket(AF_UNIX, Libc.SOCK_DGRAM | SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0));
    }

    /** A socket bound to {@code path}, for receiving (the path must not exist yet). */
    public static UnixDatagramSocket bound(Path path) throws IOException {
        UnixDatagramSocket socket = open();
        try (Arena arena = Arena.ofConfined()) {
            Libc.bind(socket.fd, address(arena, path));
        } catch (ErrnoException e) {
            socket.close();
            throw new IOException("cannot bind an AF_UNIX datagram socket to " + path + ": " + e.getMessage(), e);
        }
        return socket;
    }

    /**
     * Sends one datagram to the socket at {@code path} without waiting.
     *
     * @return 0 when sent, else the errno (ENOENT or ECONNREFUSED: nobody listens; EAGAIN: full)
     */
    public int send(Path path, byte[] datagram) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(Math.max(1, datagram.length));
            MemorySegment.copy(datagram, 0, buffer, JAVA_BYTE, 0, datagram.length);
            Libc.sendto(fd, buffer, datagram.length, Libc.MSG_DONTWAIT | MSG_NOSIGNAL, address(arena, path));
            return 0;
        } catch (ErrnoException e) {
            return e.errno();
        }
    }

    /** The next datagram already queued, or empty when none is. */
    public Optional<byte[]> receive() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(MAX_DATAGRAM);
            MemorySegment iovec = arena.allocate(Libc.IOVEC_SIZE, 8);
            iovec.set(ADDRESS, 0, buffer);
            iovec.set(JAVA_LONG, 8, buffer.byteSize());
            MemorySegment msghdr = arena.allocate(Libc.MSGHDR_SIZE, 8);
            msghdr.set(ADDRESS, Libc.MSGHDR_IOV, iovec);
            msghdr.set(JAVA_LONG, Libc.MSGHDR_IOVLEN, 1);
            long n = Libc.recvmsg(fd, msghdr, Libc.MSG_DONTWAIT);
            return Optional.of(buffer.asSlice(0, n).toArray(JAVA_BYTE));
        } catch (ErrnoException e) {
            if (e.errno() == EAGAIN || e.errno() == EINTR) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                Libc.close(fd);
            } catch (ErrnoException e) {
                // nothing to do: the descriptor is gone either way
            }
        }
    }

    private static MemorySegment address(Arena arena, Path path) {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= SOCKADDR_UN_SIZE - SUN_PATH_OFFSET) {
            throw new IllegalArgumentException("socket path too long (max 107 bytes): " + path);
        }
        MemorySegment address = arena.allocate(SOCKADDR_UN_SIZE); // zeroed, so the path ends with NUL
        address.set(JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(name, 0, address, JAVA_BYTE, SUN_PATH_OFFSET, name.length);
        return address;
    }
}
