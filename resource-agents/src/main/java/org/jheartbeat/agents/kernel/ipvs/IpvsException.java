package org.jheartbeat.agents.kernel.ipvs;

import org.jheartbeat.agents.kernel.Errno;
import org.jheartbeat.agents.kernel.ErrnoException;

/**
 * The kernel refused an IPVS request. The subclasses name the refusals an administrator or a
 * caller reacts to; the message says what was attempted and why it failed, in words, with the
 * errno for reference: {@code add service TCP 10.0.0.1:80: the service already exists (EEXIST)}.
 */
public sealed class IpvsException extends ErrnoException {

    private final String text;

    IpvsException(String operation, int errno, String text) {
        super(operation, errno, text);
        this.text = text;
    }

    @Override
    public String getMessage() {
        return operation() + ": " + text + " (" + errnoName() + ")";
    }

    /** The kernel has no IPVS: the module is not loaded and could not be loaded. */
    public static final class Unavailable extends IpvsException {
        public static final String MESSAGE = "IPVS is not available in this kernel: modprobe ip_vs";

        Unavailable(int errno) {
            super("IPVS", errno, MESSAGE);
        }

        @Override
        public String getMessage() {
            return MESSAGE;
        }
    }

    /** EPERM: IPVS requests, even listings, need CAP_NET_ADMIN. */
    public static final class PermissionDenied extends IpvsException {
        PermissionDenied(String operation) {
            super(operation, Errno.EPERM, "permission denied, IPVS needs root (CAP_NET_ADMIN)");
        }
    }

    /** EEXIST on adding a service. */
    public static final class ServiceExists extends IpvsException {
        ServiceExists(String operation) {
            super(operation, Errno.EEXIST, "the service already exists");
        }
    }

    /** ESRCH: the service a request names is not in the table. */
    public static final class NoSuchService extends IpvsException {
        NoSuchService(String operation) {
            super(operation, Errno.ESRCH, "no such service");
        }
    }

    /** ENOENT on adding or editing a service: the scheduler or persistence engine module is missing. */
    public static final class SchedulerNotFound extends IpvsException {
        SchedulerNotFound(String operation) {
            super(operation, Errno.ENOENT, "scheduler or persistence engine not found (no such ip_vs_* module)");
        }
    }

    /** EEXIST on adding a real server. */
    public static final class DestinationExists extends IpvsException {
        DestinationExists(String operation) {
            super(operation, Errno.EEXIST, "the real server is already part of this service");
        }
    }

    /** ENOENT on editing or deleting a real server. */
    public static final class NoSuchDestination extends IpvsException {
        NoSuchDestination(String operation) {
            super(operation, Errno.ENOENT, "no such real server in this service");
        }
    }

    /** EEXIST on starting a sync daemon. */
    public static final class DaemonRunning extends IpvsException {
        DaemonRunning(String operation) {
            super(operation, Errno.EEXIST, "a sync daemon in this state is already running");
        }
    }

    /** ESRCH on stopping a sync daemon. */
    public static final class NoDaemon extends IpvsException {
        NoDaemon(String operation) {
            super(operation, Errno.ESRCH, "no sync daemon in this state is running");
        }
    }

    /** ENODEV: the sync daemon's interface does not exist. */
    public static final class NoSuchInterface extends IpvsException {
        NoSuchInterface(String operation) {
            super(operation, Errno.ENODEV, "no such network interface");
        }
    }

    /** EINVAL or ERANGE: a value the kernel does not accept. */
    public static final class InvalidRequest extends IpvsException {
        InvalidRequest(String operation, int errno, String text) {
            super(operation, errno, text);
        }
    }
}
