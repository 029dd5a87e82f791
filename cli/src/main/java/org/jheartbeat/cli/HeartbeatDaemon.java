package org.jheartbeat.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.config.HaConfigLoader;
import org.jheartbeat.core.control.ControlServer;
import org.jheartbeat.core.control.ControlService;
import org.jheartbeat.core.membership.MembershipException;
import org.jheartbeat.core.policy.PolicyState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon in the foreground: writes the pid file, runs membership and the resource manager
 * (a {@link DaemonSession}), answers the control socket, restarts in place when ha.cf changes,
 * and on SIGTERM/SIGINT releases its resource groups to the peer before it exits and removes
 * the pid file.
 */
final class HeartbeatDaemon {

    private static final Logger LOG = LoggerFactory.getLogger("heartbeat");
    /** How long a quick restart waits for resource work and hand-offs in progress to finish. */
    private static final long RESTART_WAIT_SECONDS = 120;

    private static final long SESSION_WAIT_SECONDS = 5;

    private final DaemonSettings settings;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile DaemonSession session;

    private HeartbeatDaemon(DaemonSettings settings) {
        this.settings = settings;
    }

    static int run(HaConfig config, HaConfigLoader.Options options, DaemonSettings settings) {
        LoggingSetup.daemon(config.haCf().logging(), settings.extraDebug(), config.localNode(), true);
        PidFile pidFile = settings.pidFile();
        Path runDirectory = settings.runDirectory();
        long pid = ProcessHandle.current().pid();
        var running = pidFile.runningProcess().filter(p -> p.pid() != pid);
        if (running.isPresent()) {
            LOG.error("heartbeat: already running [pid {}].", running.get().pid());
            return 0;
        }
        DaemonSession.Prepared prepared;
        try {
            prepared = DaemonSession.Prepared.of(config, settings);
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            LOG.error("Configuration error, heartbeat not started.");
            return HeartbeatCommand.EXIT_NOT_CONFIGURED;
        }
        logStart();
        HeartbeatDaemon daemon = new HeartbeatDaemon(settings);
        ControlServer control;
        try {
            // Before anything starts: a daemon that cannot answer cl_status must not take resources.
            ControlService service = new ControlService(new RunningDaemon(daemon::session));
            control = ControlServer.start(runDirectory, request -> {
                String answer = service.answer(request);
                LoggingSetup.awaitWritten(); // what the request logged is in the log when the command returns
                return answer;
            });
        } catch (IOException e) {
            LOG.error("cannot open the control socket in {}: {}", runDirectory, e.toString());
            return 1;
        }
        try {
            pidFile.writeCurrent();
            daemon.session = prepared.start(settings, Optional.empty());
            daemon.started.countDown();
        } catch (IOException | MembershipException e) {
            LOG.error("{}", e.getMessage());
            closeQuietly(control);
            pidFile.removeIfOurs();
            return 1;
        }
        new ConfigReload(options, daemon).installSignalHandler();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.stop(pid, control, pidFile);
            stopped.countDown();
        }, "heartbeat-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void logStart() {
        LOG.info("**************************");
        LOG.info("Configuration validated. Starting heartbeat 3.0.6 (jheartbeat)");
    }

    /**
     * The running session. The control socket opens before the session starts, so a request
     * that comes in between waits for it (membership starts in well under a second).
     *
     * @throws IllegalStateException when the session did not start in time
     */
    DaemonSession session() {
        try {
            if (!started.await(SESSION_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("heartbeat is still starting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while heartbeat starts", e);
        }
        return session;
    }

    private static void closeQuietly(ControlServer control) {
        try {
            control.close();
        } catch (IOException e) {
            LOG.debug("closing the control socket: {}", e.toString());
        }
    }

    /** Graceful stop: every group goes to the peer, then everything closes. Waits for a restart under way. */
    private synchronized void stop(long pid, ControlServer control, PidFile pidFile) {
        LOG.info("Heartbeat shutdown in progress. ({})", pid);
        try {
            session.manager().shutdown().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.error("releasing resources failed", e.getCause());
        }
        closeQuietly(control);
        session.closeKeepingGroups();
        pidFile.removeIfOurs();
        LOG.info("{} Heartbeat shutdown complete.", session.config().localNode());
        LoggingSetup.awaitWritten();
    }

    /**
     * Heartbeat's quick restart after ha.cf changed: once this node is stable, membership and
     * the manager stop without releasing anything and start again from {@code config}, keeping
     * the hold set and the running groups. The peer sees a restart (a new generation), never a
     * death, as long as the restart takes less than its deadtime.
     *
     * @return true when the new configuration runs; false when nothing changed (and why is logged)
     */
    synchronized boolean restart(HaConfig config) {
        LOG.info("Heartbeat restart triggered.");
        DaemonSession.Prepared next;
        try {
            next = DaemonSession.Prepared.of(config, settings);
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            LOG.error("Configuration error, heartbeat NOT restarted.");
            return false;
        }
        DaemonSession old = session;
        Optional<PolicyState> stable = awaitStable(old);
        if (stable.isEmpty()) {
            return false;
        }
        DaemonSession.Carried carried = DaemonSession.Carried.from(stable.get());
        carried.running().stream().filter(key -> config.groups().stream().noneMatch(g -> g.key().equals(key)))
                .forEach(key -> LOG.warn("Resource group {} is no longer in haresources: it keeps running, unmanaged.",
                        key));
        LOG.info("Restarting heartbeat.");
        old.closeKeepingGroups();
        LOG.info("Performing heartbeat restart exec.");
        LoggingSetup.daemon(config.haCf().logging(), settings.extraDebug(), config.localNode(), true);
        logStart();
        try {
            session = next.start(settings, Optional.of(carried));
            return true;
        } catch (IOException | MembershipException e) {
            // The groups run and nobody manages them: stop as Heartbeat does when it cannot restart.
            LOG.error("Heartbeat restart failed: {}. Exiting; the resource groups still run here.", e.getMessage());
            settings.pidFile().removeIfOurs();
            LoggingSetup.awaitWritten();
            Runtime.getRuntime().halt(1);
            return false;
        }
    }

    private static Optional<PolicyState> awaitStable(DaemonSession old) {
        CompletableFuture<PolicyState> stable = old.manager().suspend();
        try {
            return Optional.of(stable.get(RESTART_WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            if (stable.cancel(false)) {
                LOG.warn("Heartbeat restart postponed: resources still in flux after {} s. Run heartbeat -r again.",
                        RESTART_WAIT_SECONDS);
                return Optional.empty();
            }
            return Optional.of(stable.join());
        } catch (InterruptedException e) {
            stable.cancel(false);
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the manager's suspension cannot fail", e);
        }
    }
}
