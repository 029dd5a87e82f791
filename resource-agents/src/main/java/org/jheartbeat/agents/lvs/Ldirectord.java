package org.jheartbeat.agents.lvs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jheartbeat.agents.kernel.ipvs.Ipvs;
import org.jheartbeat.agents.lvs.check.HealthChecks;
import org.jheartbeat.agents.lvs.check.Tls;
import org.jheartbeat.agents.lvs.config.LdirectordConfig;
import org.jheartbeat.agents.lvs.config.LdirectordConfigParser;
import org.jheartbeat.core.config.Problem;

/**
 * One ldirectord instance for one configuration file: the engine, plus what ldirectord does
 * around it — reading the file, reloading on request or when the file changes (autoreload), the
 * callback, and keeping the previous configuration when a new one has errors.
 */
public final class Ldirectord implements AutoCloseable {

    /** Opens the IPVS client; tests open it inside a network namespace. */
    @FunctionalInterface
    public interface IpvsConnector {
        Ipvs open() throws Exception;
    }

    /** The file has errors: nothing was changed. */
    public static final class ConfigurationException extends Exception {
        private final List<Problem> problems;

        ConfigurationException(Path file, List<Problem> problems) {
            super("Configuration Error in " + file + ": " + problems.stream().filter(Problem::isError)
                    .map(Problem::format).findFirst().orElse("unknown"));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private final Path file;
    private final LdirectordConfigParser.Options options;
    private final LdirectordEngine engine;
    private final LdirectordLog log;
    private final ConfigWatcher watcher;
    private final Thread watchThread;

    private Ldirectord(Path file, LdirectordConfigParser.Options options, LdirectordEngine engine,
                       LdirectordLog log) {
        this.file = file;
        this.options = options;
        this.engine = engine;
        this.log = log;
        this.watcher = new ConfigWatcher(file);
        this.watchThread = watcher.watch(Duration.ofSeconds(engine.config().globals().checkIntervalSeconds()),
                this::fileChanged);
    }

    public static Ldirectord start(Path file, LdirectordConfigParser.Options options, IpvsConnector connector,
                                   int maxConcurrentChecks) throws ConfigurationException, IOException {
        LdirectordLog log = new LdirectordLog(file.getFileName().toString());
        LdirectordConfig config = read(file, options, log);
        log.target(config.globals().logFile());
        log.info("Starting Linux Director v1.186-ha (jheartbeat) for {}", file);
        Ipvs ipvs;
        try {
            ipvs = connector.open();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot open IPVS: " + e.getMessage(), e);
        }
        try {
            HealthChecks checks = new HealthChecks(Tls.unverified(), options.localHost());
            return new Ldirectord(file, options, LdirectordEngine.start(config, ipvs, checks, maxConcurrentChecks, log,
                    EmailAlerts.standard(log, options.localHost())), log);
        } catch (IOException | RuntimeException e) {
            ipvs.close();
            log.close();
            throw e;
        }
    }

    static LdirectordConfig read(Path file, LdirectordConfigParser.Options options, LdirectordLog log)
            throws ConfigurationException {
        LdirectordConfigParser.Result r = LdirectordConfigParser.parse(file, options);
        for (Problem p : r.problems()) {
            if (p.isError()) {
                log.error("Error reading file {} at line {}: {}", p.file(), p.line(), p.message());
            } else {
                log.warn("Warning reading file {} at line {}: {}", p.file(), p.line(), p.message());
            }
        }
        return r.config().orElseThrow(() -> new ConfigurationException(file, r.problems()));
    }

    /** SIGHUP / {@code reload}: read the file again; on errors keep running with the old one. */
    public boolean reload() {
        log.info("Reloading Linux Director Daemon config for {}", file);
        try {
            engine.reload(read(file, options, log));
            return true;
        } catch (ConfigurationException e) {
            log.error("{}; keeping the previous configuration", e.getMessage());
            return false;
        } catch (IOException e) {
            log.error("reload of {} failed: {}", file, e.getMessage());
            return false;
        }
    }

    private void fileChanged() {
        log.info("Configuration file '{}' has changed on disk", file);
        boolean auto = engine.config().globals().autoReload();
        log.info(auto ? " - reread new configuration" : " - ignore new configuration");
        Optional<String> callback = engine.config().globals().callback();
        if (auto) {
            reload();
        }
        callback.ifPresent(c -> ShellCommand.run("callback", c + " " + file, log));
    }

    /** Stops checking and cleans up per cleanstop; the IPVS socket is closed. */
    @Override
    public void close() throws IOException {
        watchThread.interrupt();
        try {
            engine.close();
        } finally {
            log.close();
        }
    }
}
