package org.jheartbeat.agents.kernel.ipvs;

import org.jheartbeat.agents.kernel.Errno;
import org.jheartbeat.agents.kernel.NetlinkException;

/** Turns the kernel's errno for an IPVS request into the exception that says what it means there. */
final class IpvsErrors {

    /** What kind of request failed: the same errno means different things for each. */
    enum Request { SERVICE_ADD, SERVICE_CHANGE, SERVICE_LOOKUP, DESTINATION_ADD, DESTINATION_CHANGE,
        DAEMON_START, DAEMON_STOP, OTHER }

    private IpvsErrors() {
    }

    static IpvsException translate(Request request, NetlinkException e) {
        String op = e.operation();
        int errno = e.errno();
        boolean destinationRequest = request == Request.DESTINATION_ADD || request == Request.DESTINATION_CHANGE;
        IpvsException translated = switch (errno) {
            case Errno.EPERM -> new IpvsException.PermissionDenied(op);
            case Errno.EEXIST -> switch (request) {
                case SERVICE_ADD -> new IpvsException.ServiceExists(op);
                case DESTINATION_ADD -> new IpvsException.DestinationExists(op);
                case DAEMON_START -> new IpvsException.DaemonRunning(op);
                default -> generic(op, errno, e);
            };
            case Errno.ESRCH -> switch (request) {
                case DAEMON_STOP -> new IpvsException.NoDaemon(op);
                case SERVICE_CHANGE, SERVICE_LOOKUP, DESTINATION_ADD, DESTINATION_CHANGE, OTHER ->
                        new IpvsException.NoSuchService(op);
                default -> generic(op, errno, e);
            };
            case Errno.ENOENT -> switch (request) {
                case SERVICE_ADD, SERVICE_CHANGE -> new IpvsException.SchedulerNotFound(op);
                case DESTINATION_CHANGE -> new IpvsException.NoSuchDestination(op);
                default -> generic(op, errno, e);
            };
            case Errno.ENODEV -> new IpvsException.NoSuchInterface(op);
            case Errno.EINVAL -> new IpvsException.InvalidRequest(op, errno, destinationRequest
                    ? "invalid real server (the address must be unicast, and of the service's family unless tunneling)"
                    : "invalid request" + kernelSays(e));
            case Errno.ERANGE -> new IpvsException.InvalidRequest(op, errno,
                    "value out of range (negative weight, or lower threshold above the upper one)");
            case Errno.EAFNOSUPPORT, Errno.EOPNOTSUPP -> new IpvsException.InvalidRequest(op, errno,
                    "not supported by this kernel's IPVS (address family or operation)");
            default -> generic(op, errno, e);
        };
        translated.initCause(e);
        return translated;
    }

    private static IpvsException generic(String op, int errno, NetlinkException e) {
        return new IpvsException(op, errno, Errno.description(errno) + kernelSays(e));
    }

    private static String kernelSays(NetlinkException e) {
        return e.kernelMessage().map(m -> ", kernel says: " + m).orElse("");
    }
}
