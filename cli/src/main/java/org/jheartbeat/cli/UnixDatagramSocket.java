package org.jheartbeat.cli;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A non-blocking AF_UNIX datagram socket through the Foreign Function API: what syslog's
 * {@code /dev/log} speaks. The JDK's UNIX domain sockets are stream sockets only. Sending never
 * blocks: a missing, refusing or full receiver is an error code, not a wait. Linux only.
 */
final class UnixDatagramSocket implements AutoCloseable {

    static final int ENOENT = 2;
    static final int EAGAIN = 11;
    static final int ECONNREFUSED = 111;
    static final int ENOTCONN = 107;
    private static final int EINTR = 4;
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int SUN_PATH_OFFSET = 2;
    private static final int SOCKADDR_UN_SIZE = 110;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
    private static final MethodHandle SOCKET = handle("socket",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle BIND = handle("bind",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SENDTO = handle("sendto",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle RECV = handle("recv",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = handle("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor, CAPTURE);
    }

    private final int fd;
    private volatile boolean closed;

    private UnixDatagramSocket(int fd) {
        this.fd = fd;
    }

    /** An unbound socket for sending. */
    static UnixDatagramSocket open() throws IOException {
        int fd = (int) call(SOCKET, AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("cannot open an AF_UNIX datagram socket (errno " + -fd + ")");
        }
        return new UnixDatagramSocket(fd);
    }

    /** A socket bound to {@code path}, for receiving (the path must not exist yet). */
    static UnixDatagramSocket bound(Path path) throws IOException {
        UnixDatagramSocket socket = open();
        try (Arena arena = Arena.ofConfined()) {
            long result = call(BIND, socket.fd, address(arena, path), SOCKADDR_UN_SIZE);
            if (result < 0) {
                socket.close();
                throw new IOException("cannot bind an AF_UNIX datagram socket to " + path + " (errno " + -result + ")");
            }
        }
        return socket;
    }

    /**
     * Sends one datagram to the socket at {@code path} without waiting.
     *
     * @return 0 when sent, else the errno (ENOENT or ECONNREFUSED: nobody listens; EAGAIN: full)
     */
    int send(Path path, byte[] datagram) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(Math.max(1, datagram.length));
            MemorySegment.copy(datagram, 0, buffer, ValueLayout.JAVA_BYTE, 0, datagram.length);
            long sent = call(SENDTO, fd, buffer, (long) datagram.length, MSG_DONTWAIT | MSG_NOSIGNAL,
                    address(arena, path), SOCKADDR_UN_SIZE);
            return sent < 0 ? (int) -sent : 0;
        }
    }

    /** The next datagram already queued, or empty when none is. */
    Optional<byte[]> receive() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(65536);
            long n = call(RECV, fd, buffer, 65536L, MSG_DONTWAIT);
            if (n < 0) {
                if (n == -EAGAIN || n == -EINTR) {
                    return Optional.empty();
                }
                throw new IOException("receive on an AF_UNIX datagram socket failed (errno " + -n + ")");
            }
            return Optional.of(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            call(CLOSE, fd);
        }
    }

    private static MemorySegment address(Arena arena, Path path) {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= SOCKADDR_UN_SIZE - SUN_PATH_OFFSET) {
            throw new IllegalArgumentException("socket path too long (max 107 bytes): " + path);
        }
        MemorySegment address = arena.allocate(SOCKADDR_UN_SIZE); // zeroed, so the path ends with NUL
        address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, SUN_PATH_OFFSET, name.length);
        return address;
    }

    /** Calls a native function; a negative errno on failure. */
    private static long call(MethodHandle handle, Object... args) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            Object[] full = new Object[args.length + 1];
            full[0] = state;
            System.arraycopy(args, 0, full, 1, args.length);
            Object result = handle.invokeWithArguments(full);
            long value = result instanceof Integer i ? i : (Long) result;
            return value < 0 ? -(int) ERRNO.get(state, 0L) : value;
        } catch (Throwable e) {
            throw new IllegalStateException("native call failed", e);
        }
    }
}
