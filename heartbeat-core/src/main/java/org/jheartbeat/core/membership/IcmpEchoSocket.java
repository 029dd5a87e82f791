package org.jheartbeat.core.membership;

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
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IPv4 ICMP echo socket through the Foreign Function API: an unprivileged "ping" datagram
 * socket when net.ipv4.ping_group_range allows it, else a raw socket (root). The JDK has no
 * ICMP socket, and heartbeat-core cannot use resource-agents' kernel bindings (core must not
 * depend on the agents), so this one small binding lives here. Linux only.
 */
final class IcmpEchoSocket implements AutoCloseable {

    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_RAW = 3;
    private static final int IPPROTO_ICMP = 1;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    private static final int ECHO_REPLY = 0;
    private static final int ECHO_REQUEST = 8;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
    private static final MethodHandle SOCKET = handle("socket",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle SETSOCKOPT = handle("setsockopt",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SENDTO = handle("sendto",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle RECVFROM = handle("recvfrom",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle CLOSE = handle("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor, CAPTURE);
    }

    private final int fd;
    private final boolean raw;
    private final int identifier;
    private volatile boolean closed;

    private IcmpEchoSocket(int fd, boolean raw, int identifier) {
        this.fd = fd;
        this.raw = raw;
        this.identifier = identifier;
    }

    /** Opens a socket whose receive calls give up after {@code timeoutMillis} (so a reader can stop). */
    static IcmpEchoSocket open(int timeoutMillis) throws IOException {
        int fd = call(SOCKET, AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
        boolean raw = false;
        if (fd < 0) {
            fd = call(SOCKET, AF_INET, SOCK_RAW, IPPROTO_ICMP);
            raw = true;
        }
        if (fd < 0) {
            throw new IOException("cannot open an ICMP socket (errno " + -fd + "): allow ping sockets with"
                    + " sysctl net.ipv4.ping_group_range or run as root");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment timeval = arena.allocate(16);
            timeval.set(ValueLayout.JAVA_LONG, 0, timeoutMillis / 1000);
            timeval.set(ValueLayout.JAVA_LONG, 8, (timeoutMillis % 1000) * 1000L);
            call(SETSOCKOPT, fd, SOL_SOCKET, SO_RCVTIMEO, timeval, 16);
        }
        // a ping datagram socket gets its identifier from the kernel; a raw one uses ours
        return new IcmpEchoSocket(fd, raw, (int) (ProcessHandle.current().pid() & 0xffff));
    }

    /** Sends one echo request. */
    void sendEcho(Inet4Address target, int sequence) throws IOException {
        byte[] packet = new byte[16];
        packet[0] = ECHO_REQUEST;
        packet[4] = (byte) (identifier >>> 8);
        packet[5] = (byte) identifier;
        packet[6] = (byte) (sequence >>> 8);
        packet[7] = (byte) sequence;
        long now = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            packet[8 + i] = (byte) (now >>> (56 - 8 * i));
        }
        int sum = checksum(packet);
        packet[2] = (byte) (sum >>> 8);
        packet[3] = (byte) sum;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(packet.length);
            MemorySegment.copy(packet, 0, buf, ValueLayout.JAVA_BYTE, 0, packet.length);
            MemorySegment addr = sockaddr(arena, target);
            long sent = callLong(SENDTO, fd, buf, (long) packet.length, 0, addr, 16);
            if (sent < 0) {
                throw new IOException("ICMP echo to " + target.getHostAddress() + " failed (errno " + -sent + ")");
            }
        }
    }

    /** Waits for the next echo reply; empty when the receive timed out or something else arrived. */
    Optional<InetAddress> receiveReply() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(1500);
            MemorySegment from = arena.allocate(16);
            MemorySegment fromLength = arena.allocate(ValueLayout.JAVA_INT);
            fromLength.set(ValueLayout.JAVA_INT, 0, 16);
            long n = callLong(RECVFROM, fd, buf, 1500L, 0, from, fromLength);
            if (n < 0) {
                if (n == -EAGAIN || n == -EINTR || closed) {
                    return Optional.empty();
                }
                throw new IOException("ICMP receive failed (errno " + -n + ")");
            }
            byte[] data = buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
            int offset = raw ? (data[0] & 0x0f) * 4 : 0;
            if (data.length < offset + 8 || data[offset] != ECHO_REPLY) {
                return Optional.empty();
            }
            int id = ((data[offset + 4] & 0xff) << 8) | (data[offset + 5] & 0xff);
            if (raw && id != identifier) {
                return Optional.empty(); // another program's ping
            }
            return Optional.of(address(from.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE)));
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            callLong(CLOSE, fd);
        }
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    private static MemorySegment sockaddr(Arena arena, Inet4Address target) {
        MemorySegment addr = arena.allocate(16);
        addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET);
        MemorySegment.copy(target.getAddress(), 0, addr, ValueLayout.JAVA_BYTE, 4, 4);
        return addr;
    }

    /** The Internet checksum (RFC 1071) of an ICMP message. */
    static int checksum(byte[] data) {
        long sum = 0;
        for (int i = 0; i + 1 < data.length; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (data.length % 2 == 1) {
            sum += (data[data.length - 1] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** Calls a function returning int; a negative errno on failure. */
    private static int call(MethodHandle handle, Object... args) {
        return (int) callLong(handle, args);
    }

    private static long callLong(MethodHandle handle, Object... args) {
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
