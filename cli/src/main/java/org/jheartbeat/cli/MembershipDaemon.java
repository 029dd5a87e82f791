package org.jheartbeat.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.control.ControlServer;
import org.jheartbeat.core.control.ControlService;
import org.jheartbeat.core.membership.Membership;
import org.jheartbeat.core.membership.MembershipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon in the foreground: writes the pid file, runs membership (until the resource
 * manager lands, membership alone, its events logged), answers the control socket, and on
 * SIGTERM/SIGINT shuts down cleanly and removes the pid file.
 */
final class MembershipDaemon {

    private MembershipDaemon() {
    }

    static int run(HaConfig config, PidFile pidFile, Path runDirectory, int extraDebug, boolean foreground) {
        LoggingSetup.daemon(config.haCf().logging(), extraDebug, config.localNode(), foreground);
        Logger log = LoggerFactory.getLogger("heartbeat");
        long pid = ProcessHandle.current().pid();
        var running = pidFile.runningProcess().filter(p -> p.pid() != pid);
        if (running.isPresent()) {
            log.error("heartbeat: already running [pid {}].", running.get().pid());
            return 0;
        }
        log.info("**************************");
        log.info("Configuration validated. Starting heartbeat 3.0.6 (jheartbeat)");
        Membership membership;
        ControlServer control;
        try {
            pidFile.writeCurrent();
            membership = Membership.start(config, event -> log.debug("membership event: {}", event));
        } catch (IOException | MembershipException e) {
            log.error("{}", e.getMessage());
            pidFile.removeIfOurs();
            return 1;
        }
        try {
            control = ControlServer.start(runDirectory,
                    new ControlService(new MembershipDaemonView(config, membership)));
        } catch (IOException e) {
            log.error("cannot open the control socket in {}: {}", runDirectory, e.toString());
            membership.close();
            pidFile.removeIfOurs();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Heartbeat shutdown in progress. ({})", pid);
            try {
                control.close();
            } catch (IOException e) {
                log.debug("closing the control socket: {}", e.toString());
            }
            membership.close();
            pidFile.removeIfOurs();
            log.info("{} Heartbeat shutdown complete.", config.localNode());
            stopped.countDown();
        }, "heartbeat-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
