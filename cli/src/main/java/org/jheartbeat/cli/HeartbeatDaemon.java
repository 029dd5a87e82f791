package org.jheartbeat.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

import org.jheartbeat.core.agent.AgentContext;
import org.jheartbeat.core.agent.AgentRegistry;
import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.config.HaConfigLoader;
import org.jheartbeat.core.control.ControlServer;
import org.jheartbeat.core.control.ControlService;
import org.jheartbeat.core.manager.ManagedGroup;
import org.jheartbeat.core.manager.ResourceManager;
import org.jheartbeat.core.membership.Membership;
import org.jheartbeat.core.membership.MembershipException;
import org.jheartbeat.core.policy.Ipfail;
import org.jheartbeat.core.policy.IpfailConfig;
import org.jheartbeat.core.policy.Policy;
import org.jheartbeat.core.policy.PolicyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon in the foreground: writes the pid file, runs membership and the resource manager,
 * answers the control socket, and on SIGTERM/SIGINT releases its resource groups to the peer
 * before it exits and removes the pid file.
 */
final class HeartbeatDaemon {

    private HeartbeatDaemon() {
    }

    static int run(HaConfig config, HaConfigLoader.Options options, DaemonSettings settings) {
        LoggingSetup.daemon(config.haCf().logging(), settings.extraDebug(), config.localNode(), true);
        PidFile pidFile = settings.pidFile();
        Path runDirectory = settings.runDirectory();
        Logger log = LoggerFactory.getLogger("heartbeat");
        long pid = ProcessHandle.current().pid();
        var running = pidFile.runningProcess().filter(p -> p.pid() != pid);
        if (running.isPresent()) {
            log.error("heartbeat: already running [pid {}].", running.get().pid());
            return 0;
        }
        Policy policy;
        List<ManagedGroup> groups;
        try {
            policy = new Policy(PolicyConfig.from(config));
            groups = ManagedGroups.bind(config, AgentRegistry.load(), settings.scriptTimeouts());
        } catch (IllegalArgumentException e) {
            log.error("{}", e.getMessage());
            log.error("Configuration error, heartbeat not started.");
            return HeartbeatCommand.EXIT_NOT_CONFIGURED;
        }
        log.info("**************************");
        log.info("Configuration validated. Starting heartbeat 3.0.6 (jheartbeat)");
        MembershipRelay relay = new MembershipRelay();
        Membership membership;
        try {
            pidFile.writeCurrent();
            membership = Membership.start(config, settings.stateDirectory(), relay, relay);
        } catch (IOException | MembershipException e) {
            log.error("{}", e.getMessage());
            pidFile.removeIfOurs();
            return 1;
        }
        String peer = policy.config().peer().orElse(null);
        ResourceManager manager = new ResourceManager(policy, membership.incarnation(), groups,
                new AgentContext(config.directory(), config.localNode()),
                payload -> membership.sendHandoff(peer, payload), System::currentTimeMillis,
                new Ipfail(IpfailConfig.from(config)), membership::snapshot);
        relay.attach(manager);
        RunningDaemon daemon = new RunningDaemon(config, membership, manager);
        ControlServer control;
        try {
            control = ControlServer.start(runDirectory, new ControlService(daemon));
        } catch (IOException e) {
            log.error("cannot open the control socket in {}: {}", runDirectory, e.toString());
            manager.close();
            membership.close();
            pidFile.removeIfOurs();
            return 1;
        }
        new ConfigReload(options, membership).installSignalHandler();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Heartbeat shutdown in progress. ({})", pid);
            try {
                manager.shutdown().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                log.error("releasing resources failed", e.getCause());
            }
            try {
                control.close();
            } catch (IOException e) {
                log.debug("closing the control socket: {}", e.toString());
            }
            manager.close();
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
