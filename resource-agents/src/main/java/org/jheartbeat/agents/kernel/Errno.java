package org.jheartbeat.agents.kernel;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Names and texts of Linux errno values. The C library knows them all ({@code strerrorname_np},
 * {@code strerrordesc_np}, glibc 2.32+, thread-safe unlike {@code strerror}); the table below is
 * the fallback for C libraries without them and covers every errno the bindings expect.
 */
@SuppressWarnings("restricted")
public final class Errno {

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ERANGE = 34;
    public static final int EMSGSIZE = 90;
    public static final int EPROTONOSUPPORT = 93;
    public static final int ENOPROTOOPT = 92;
    public static final int EOPNOTSUPP = 95;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETDOWN = 100;
    public static final int ENOBUFS = 105;

    private record Text(String name, String description) {
    }

    private static final Map<Integer, Text> FALLBACK = Map.ofEntries(
            Map.entry(EPERM, new Text("EPERM", "Operation not permitted")),
            Map.entry(ENOENT, new Text("ENOENT", "No such file or directory")),
            Map.entry(ESRCH, new Text("ESRCH", "No such process")),
            Map.entry(EINTR, new Text("EINTR", "Interrupted system call")),
            Map.entry(EAGAIN, new Text("EAGAIN", "Resource temporarily unavailable")),
            Map.entry(ENOMEM, new Text("ENOMEM", "Cannot allocate memory")),
            Map.entry(EACCES, new Text("EACCES", "Permission denied")),
            Map.entry(EBUSY, new Text("EBUSY", "Device or resource busy")),
            Map.entry(EEXIST, new Text("EEXIST", "File exists")),
            Map.entry(ENODEV, new Text("ENODEV", "No such device")),
            Map.entry(EINVAL, new Text("EINVAL", "Invalid argument")),
            Map.entry(ERANGE, new Text("ERANGE", "Numerical result out of range")),
            Map.entry(EMSGSIZE, new Text("EMSGSIZE", "Message too long")),
            Map.entry(ENOPROTOOPT, new Text("ENOPROTOOPT", "Protocol not available")),
            Map.entry(EPROTONOSUPPORT, new Text("EPROTONOSUPPORT", "Protocol not supported")),
            Map.entry(EOPNOTSUPP, new Text("EOPNOTSUPP", "Operation not supported")),
            Map.entry(EAFNOSUPPORT, new Text("EAFNOSUPPORT", "Address family not supported by protocol")),
            Map.entry(EADDRNOTAVAIL, new Text("EADDRNOTAVAIL", "Cannot assign requested address")),
            Map.entry(ENETDOWN, new Text("ENETDOWN", "Network is down")),
            Map.entry(ENOBUFS, new Text("ENOBUFS", "No buffer space available")));

    private static final MethodHandle NAME = optional("strerrorname_np");
    private static final MethodHandle DESCRIPTION = optional("strerrordesc_np");

    private Errno() {
    }

    private static MethodHandle optional(String function) {
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup().find(function)
                .map(f -> linker.downcallHandle(f, FunctionDescriptor.of(ADDRESS, JAVA_INT)))
                .orElse(null);
    }

    private static Optional<String> fromLibc(MethodHandle function, int errno) {
        if (function == null) {
            return Optional.empty();
        }
        try {
            MemorySegment text = (MemorySegment) function.invokeExact(errno);
            if (text.equals(MemorySegment.NULL)) {
                return Optional.empty();
            }
            return Optional.of(text.reinterpret(256).getString(0));
        } catch (Throwable t) {
            return Optional.empty();
        }
    }

    /** {@code EEXIST} for 17; {@code errno 4711} for a number nobody knows. */
    public static String name(int errno) {
        return fromLibc(NAME, errno)
                .or(() -> Optional.ofNullable(FALLBACK.get(errno)).map(Text::name))
                .orElse("errno " + errno);
    }

    /** {@code File exists} for 17. */
    public static String description(int errno) {
        return fromLibc(DESCRIPTION, errno)
                .or(() -> Optional.ofNullable(FALLBACK.get(errno)).map(Text::description))
                .orElse("unknown error " + errno);
    }
}
