package org.jheartbeat.core.membership;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.net.DatagramSocket;
import java.nio.channels.DatagramChannel;
import java.util.OptionalInt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the datagram just read from a JDK socket or channel arrived, so a peer's silence counts
 * from its packet's arrival, not from when this node got round to reading it (a receiver woken
 * from an idle processor, then decoding and checking the packet, took 0.2 ms in the comparison
 * lab, a fifth of a millisecond added to every takeover). The kernel keeps the last read
 * packet's receive timestamp for the {@code SIOCGSTAMPNS} request on the socket's descriptor,
 * which the JDK does not hand out: it is taken from the socket's internals, which the launcher
 * opens ({@code --add-opens java.base/java.net} and {@code java.base/sun.nio.ch}). Without them
 * the time of reading is used, as before. Call {@link #arrivedNanos} on the receiving thread
 * right after each receive.
 */
@SuppressWarnings("restricted") // the ioctl downcall; native access is enabled by the launcher
public final class DatagramArrival {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramArrival.class);
    private static final long SIOCGSTAMPNS = 0x8907;
    private static final MethodHandle IOCTL = ioctl();
    private static volatile boolean unavailableLogged;

    private final int fd;
    private final MemorySegment timespec;

    private DatagramArrival(int fd) {
        this.fd = fd;
        this.timespec = fd < 0 ? MemorySegment.NULL : Arena.ofAuto().allocate(16, 8);
        if (fd >= 0) {
            stamp(); // the first request turns the kernel's receive timestamps on for the socket
        }
    }

    /** Arrival times for the datagrams read from {@code socket}. */
    public static DatagramArrival of(DatagramSocket socket) {
        // DatagramSocket.delegate is the NIO adaptor, whose dc is the channel
        return new DatagramArrival(descriptor(() -> {
            Object adaptor = field(DatagramSocket.class, "delegate").get(socket);
            return field(adaptor.getClass(), "dc").get(adaptor);
        }).orElse(-1));
    }

    /** Arrival times for the datagrams read from {@code channel}. */
    public static DatagramArrival of(DatagramChannel channel) {
        return new DatagramArrival(descriptor(() -> channel).orElse(-1));
    }

    /** The arrival of the datagram just read, or {@code readNanos} when the kernel's stamp is out of reach. */
    public long arrivedNanos(long readNanos) {
        if (fd < 0 || !stamp()) {
            return readNanos;
        }
        return ArrivalTime.fromStamp(timespec.get(ValueLayout.JAVA_LONG, 0), timespec.get(ValueLayout.JAVA_LONG, 8),
                readNanos);
    }

    private boolean stamp() {
        try {
            return (int) IOCTL.invokeExact(fd, SIOCGSTAMPNS, timespec) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    private static MethodHandle ioctl() {
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup().find("ioctl").map(f -> linker.downcallHandle(f,
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                        ValueLayout.ADDRESS), Linker.Option.firstVariadicArg(2))).orElse(null);
    }

    /** Finds the JDK's channel object behind a socket. */
    private interface ChannelLookup {
        Object channel() throws ReflectiveOperationException;
    }

    /** The descriptor the channel keeps in its fdVal. */
    private static OptionalInt descriptor(ChannelLookup lookup) {
        if (IOCTL == null) {
            return OptionalInt.empty();
        }
        try {
            Object channel = lookup.channel();
            return OptionalInt.of(field(channel.getClass(), "fdVal").getInt(channel));
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!unavailableLogged) {
                unavailableLogged = true;
                LOG.info("Datagrams (heartbeats among them) are timed when read, not at their arrival (no"
                        + " access to the sockets' descriptors: {})", e.toString());
            }
            return OptionalInt.empty();
        }
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
