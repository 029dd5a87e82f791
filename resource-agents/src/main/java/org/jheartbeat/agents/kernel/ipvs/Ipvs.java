package org.jheartbeat.agents.kernel.ipvs;

import java.io.IOException;
import java.time.Duration;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jheartbeat.agents.kernel.Errno;
import org.jheartbeat.agents.kernel.GenericNetlink;
import org.jheartbeat.agents.kernel.MalformedNetlinkException;
import org.jheartbeat.agents.kernel.Netlink;
import org.jheartbeat.agents.kernel.NetlinkAttributes;
import org.jheartbeat.agents.kernel.NetlinkException;
import org.jheartbeat.agents.kernel.NetlinkMessage;
import org.jheartbeat.agents.kernel.NetlinkMessageWriter;
import org.jheartbeat.agents.kernel.NetlinkProtocolException;
import org.jheartbeat.agents.kernel.NetlinkSocket;
import org.jheartbeat.agents.kernel.ipvs.IpvsErrors.Request;

/**
 * The kernel's IPVS table over generic netlink: what ipvsadm does, without ipvsadm. One instance
 * owns one socket in the network namespace of the thread that opened it; calls are serialised.
 *
 * <p>Every method throws {@link IpvsException} (a subclass naming the case) when the kernel
 * refuses a request, and another {@link IOException} when the netlink exchange itself fails.
 */
public final class Ipvs implements AutoCloseable {

    private final NetlinkSocket socket;
    private final IpvsRequests requests;

    /**
     * The kernel answers within the request's send; this only bounds a wait that should never
     * hang (a daemon stop that gets no answer is told apart without waiting), so it is generous.
     */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private Ipvs(NetlinkSocket socket, int familyId) {
        this.socket = socket;
        this.requests = new IpvsRequests(familyId);
    }

    /**
     * Connects to IPVS in the calling thread's network namespace.
     *
     * @throws IpvsException.Unavailable when the kernel has no IPVS family (module not loaded and
     *                                   not loadable): "IPVS is not available in this kernel: modprobe ip_vs"
     */
    public static Ipvs open() throws IOException {
        NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_GENERIC, REPLY_TIMEOUT);
        try {
            int familyId = GenericNetlink.resolveFamily(socket, IpvsNetlink.FAMILY_NAME);
            return new Ipvs(socket, familyId);
        } catch (NetlinkException e) {
            closeQuietly(socket, e);
            if (e.errno() == Errno.ENOENT) {
                IpvsException unavailable = new IpvsException.Unavailable(e.errno());
                unavailable.initCause(e);
                throw unavailable;
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket, e);
            throw e;
        }
    }

    private static void closeQuietly(NetlinkSocket socket, Exception failure) {
        try {
            socket.close();
        } catch (IOException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    public IpvsInfo info() throws IOException {
        return IpvsReplies.info(one(requests.info(), Request.OTHER));
    }

    public IpvsTimeouts timeouts() throws IOException {
        return IpvsReplies.timeouts(one(requests.timeouts(), Request.OTHER));
    }

    /** Sets the connection timeouts; a 0 leaves that one unchanged. */
    public void setTimeouts(IpvsTimeouts timeouts) throws IOException {
        command(requests.setTimeouts(timeouts), Request.OTHER);
    }

    /** {@code ipvsadm -A}. */
    public void addService(IpvsService service) throws IOException {
        command(requests.addService(service), Request.SERVICE_ADD);
    }

    /** {@code ipvsadm -E}: replaces scheduler, flags, timeout, netmask and engine. */
    public void editService(IpvsService service) throws IOException {
        command(requests.editService(service), Request.SERVICE_CHANGE);
    }

    /** {@code ipvsadm -D}: the service and its real servers. */
    public void deleteService(ServiceKey key) throws IOException {
        command(requests.deleteService(key), Request.SERVICE_CHANGE);
    }

    /** One service with its counters. */
    public IpvsServiceEntry service(ServiceKey key) throws IOException {
        return parse(one(requests.getService(key), Request.SERVICE_LOOKUP), IpvsReplies::service);
    }

    /** Every service, in the kernel's order. */
    public List<IpvsServiceEntry> services() throws IOException {
        return dump(requests.listServices(), Request.OTHER, IpvsReplies::service);
    }

    /** The real servers of a service; empty when the service does not exist (the kernel's answer). */
    public List<IpvsDestinationEntry> destinations(ServiceKey key) throws IOException {
        IpFamily family = key.family();
        return dump(requests.listDestinations(key), Request.SERVICE_LOOKUP, a -> IpvsReplies.destination(a, family));
    }

    /** {@code ipvsadm -a}. */
    public void addDestination(ServiceKey service, IpvsDestination destination) throws IOException {
        command(requests.addDestination(service, destination), Request.DESTINATION_ADD);
    }

    /** {@code ipvsadm -e}: replaces method, weight, thresholds and tunnel options. */
    public void editDestination(ServiceKey service, IpvsDestination destination) throws IOException {
        command(requests.editDestination(service, destination), Request.DESTINATION_CHANGE);
    }

    /** {@code ipvsadm -d}. */
    public void deleteDestination(ServiceKey service, InetAddress address, int port) throws IOException {
        command(requests.deleteDestination(service, address, port), Request.DESTINATION_CHANGE);
    }

    /** {@code ipvsadm -C}: every service and real server. */
    public void flush() throws IOException {
        command(requests.flush(), Request.OTHER);
    }

    /** {@code ipvsadm -Z}: all counters. */
    public void zero() throws IOException {
        command(requests.zeroAll(), Request.OTHER);
    }

    /** {@code ipvsadm -Z -t ...}: one service's counters. */
    public void zero(ServiceKey key) throws IOException {
        command(requests.zero(key), Request.SERVICE_LOOKUP);
    }

    /** {@code ipvsadm --start-daemon}. */
    public void startDaemon(SyncDaemon daemon) throws IOException {
        command(requests.startDaemon(daemon), Request.DAEMON_START);
    }

    /**
     * {@code ipvsadm --stop-daemon}. A daemon stopped before its kernel thread first ran is
     * stopped all the same, but the kernel does not answer then (the thread's stop reports EINTR,
     * for which netlink sends no acknowledgement): the daemon list says whether it is gone.
     */
    public void stopDaemon(SyncDaemon.State state) throws IOException {
        boolean answered;
        try {
            answered = socket.commandMaybeUnanswered(requests.stopDaemon(state));
        } catch (NetlinkException e) {
            throw IpvsErrors.translate(Request.DAEMON_STOP, e);
        }
        if (!answered && daemons().stream().anyMatch(d -> d.state() == state)) {
            throw new NetlinkProtocolException("stop " + state.text() + " sync daemon: the kernel did not answer"
                    + " and the daemon still runs");
        }
    }

    /** The running sync daemons as the kernel reports them (master first). */
    public List<SyncDaemon> daemons() throws IOException {
        return dump(requests.listDaemons(), Request.OTHER, IpvsReplies::daemon);
    }

    /** Everything {@code ipvsadm -L} needs: info, services, and each service's real servers. */
    public IpvsTable table() throws IOException {
        IpvsInfo info = info();
        List<IpvsTable.Row> rows = new ArrayList<>();
        for (IpvsServiceEntry service : services()) {
            rows.add(new IpvsTable.Row(service, destinations(service.service().key())));
        }
        return new IpvsTable(info, rows);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void command(NetlinkMessageWriter request, Request kind) throws IOException {
        try {
            socket.command(request);
        } catch (NetlinkException e) {
            throw IpvsErrors.translate(kind, e);
        }
    }

    private NetlinkAttributes one(NetlinkMessageWriter request, Request kind) throws IOException {
        try {
            return parse(socket.requestOne(request), GenericNetlink::attributes);
        } catch (NetlinkException e) {
            throw IpvsErrors.translate(kind, e);
        }
    }

    private <T> List<T> dump(NetlinkMessageWriter request, Request kind, Function<NetlinkAttributes, T> reader)
            throws IOException {
        List<NetlinkMessage> replies;
        try {
            replies = socket.dump(request);
        } catch (NetlinkException e) {
            throw IpvsErrors.translate(kind, e);
        }
        List<T> result = new ArrayList<>(replies.size());
        for (NetlinkMessage reply : replies) {
            result.add(parse(parse(reply, GenericNetlink::attributes), reader));
        }
        return result;
    }

    private static <S, T> T parse(S source, Function<S, T> reader) throws NetlinkProtocolException {
        try {
            return reader.apply(source);
        } catch (MalformedNetlinkException | IllegalArgumentException e) {
            throw new NetlinkProtocolException("malformed IPVS reply: " + e.getMessage(), e);
        }
    }
}
