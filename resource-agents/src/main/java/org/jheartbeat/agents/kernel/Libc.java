package org.jheartbeat.agents.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few C library calls the kernel bindings need, as FFM downcalls. Every call that can fail
 * captures {@code errno} right after the call (before the JVM can clobber it) and turns a
 * failure into an {@link ErrnoException} naming the call and the errno.
 */
@SuppressWarnings("restricted") // native access is this class's purpose; enabled with --enable-native-access
public final class Libc {

    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;

    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;

    public static final int SOL_SOCKET = 1;
    public static final int SO_RCVTIMEO = 20;

    /** ioctl: the receive timestamp of the last packet read from a socket, as a timespec. */
    public static final long SIOCGSTAMPNS = 0x8907;

    public static final int MSG_PEEK = 0x2;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;

    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;
    public static final int CLONE_NEWNET = 0x40000000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(
            MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = errnoCall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = errnoCall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = errnoCall("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSOCKOPT = errnoCall("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDTO = errnoCall("sendto", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVMSG = errnoCall("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = errnoCall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SETNS = errnoCall("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle KILL = errnoCall("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    // ioctl(2) is variadic; every request used here takes one pointer.
    private static final MethodHandle IOCTL = LINKER.downcallHandle(find("ioctl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    // open(2) is variadic; the mode argument is passed but only read with O_CREAT.
    private static final MethodHandle OPEN = LINKER.downcallHandle(find("open"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));

    /** Offsets in {@code struct msghdr} (56 bytes) and {@code struct iovec} (16 bytes) on LP64 Linux. */
    public static final long MSGHDR_SIZE = 56;
    public static final long MSGHDR_NAME = 0;
    public static final long MSGHDR_NAMELEN = 8;
    public static final long MSGHDR_IOV = 16;
    public static final long MSGHDR_IOVLEN = 24;
    public static final long MSGHDR_FLAGS = 48;
    public static final long IOVEC_SIZE = 16;

    private Libc() {
    }

    private static MemorySegment find(String name) {
        return LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("C library has no " + name));
    }

    private static MethodHandle errnoCall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(find(name), descriptor, CAPTURE_ERRNO);
    }

    /** A fresh errno capture area for one call. */
    private static MemorySegment captureArea(Arena arena) {
        return arena.allocate(CAPTURE_LAYOUT);
    }

    private static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    private static int checked(String call, int result, MemorySegment capture) throws ErrnoException {
        if (result == -1) {
            throw new ErrnoException(call, errno(capture));
        }
        return result;
    }

    private static long checked(String call, long result, MemorySegment capture) throws ErrnoException {
        if (result == -1) {
            throw new ErrnoException(call, errno(capture));
        }
        return result;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }

    public static int socket(int domain, int type, int protocol) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = captureArea(arena);
            return checked("socket", (int) SOCKET.invokeExact(capture, domain, type, protocol), capture);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void bind(int fd, MemorySegment address) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = captureArea(arena);
            checked("bind", (int) BIND.invokeExact(capture, fd, address, (int) address.byteSize()), capture);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Fills {@code address} with the socket's own address; returns the length the kernel wrote. */
    public static int getsockname(int fd, MemorySegment address) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = captureArea(arena);
            MemorySegment length = arena.allocateFrom(JAVA_INT, (int) address.byteSize());
            checked("getsockname", (int) GETSOCKNAME.invokeExact(capture, fd, address, length), capture);
            return length.get(JAVA_INT, 0);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void setsockopt(int fd, int level, int name, MemorySegment value) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = captureArea(arena);
            checked("setsockopt", (int) SETSOCKOPT.invokeExact(capture, fd, level, name, value,
                    (int) value.byteSize()), capture);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void setsockopt(int fd, int level, int name, int value) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            setsockopt(fd, level, name, arena.allocateFrom(JAVA_INT, value));
        }
    }

    public static long sendto(int fd, MemorySegment buffer, long length, int flags, MemorySegment destination)
            throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = captureArea(arena);
            return checked("sendto", (long) SENDTO.invokeExact(capture, fd, buffer, length, flags, destination,
                    (int) destination.byteSize()), capture);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * recvmsg into one buffer: fills {@code iovec} with {@code buffer} and {@code msghdr} with
     * that one-entry vector and {@code name} (where the kernel writes the sender's address,
     * {@code nameLength} bytes at most), then receives.
     */
    public static long recvmsg(int fd, MemorySegment msghdr, MemorySegment iovec, MemorySegment buffer,
                               MemorySegment name, int nameLength, int flags) throws ErrnoException {
        iovec.set(ADDRESS, 0, buffer);
        iovec.set(JAVA_LONG, 8, buffer.byteSize());
        msghdr.fill((byte) 0);
        msghdr.set(ADDRESS, MSGHDR_NAME, name);
        msghdr.set(JAVA_INT, MSGHDR_NAMELEN, nameLength);
        msghdr.set(ADDRESS, MSGHDR_IOV, iovec);
        msghdr.set(JAVA_LONG, MSGHDR_IOVLEN, 1);
        return recvmsg(fd, msghdr, flags);
    }

    public static long recvmsg(int fd, MemorySegment msghdr, int flags) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = captureArea(arena);
            return checked("recvmsg", (long) RECVMSG.invokeExact(capture, fd, msghdr, flags), capture);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** ioctl with a pointer argument, for the socket requests that take one. */
    public static void ioctl(int fd, long request, MemorySegment argument) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = captureArea(arena);
            checked("ioctl", (int) IOCTL.invokeExact(capture, fd, request, argument), capture);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void close(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = captureArea(arena);
            checked("close", (int) CLOSE.invokeExact(capture, fd), capture);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int open(String path, int flags) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = captureArea(arena);
            MemorySegment cPath = arena.allocateFrom(path);
            return checked("open " + path, (int) OPEN.invokeExact(capture, cPath, flags, 0), capture);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Moves the calling (platform) thread into the namespace {@code fd} refers to. */
    public static void setns(int fd, int nsType) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = captureArea(arena);
            checked("setns", (int) SETNS.invokeExact(capture, fd, nsType), capture);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Sends signal {@code signal} to process {@code pid} (the JDK can send only TERM and KILL). */
    public static void kill(int pid, int signal) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = captureArea(arena);
            checked("kill", (int) KILL.invokeExact(capture, pid, signal), capture);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
