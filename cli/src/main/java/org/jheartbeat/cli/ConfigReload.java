package org.jheartbeat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.config.HaConfigLoader;
import org.jheartbeat.core.config.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the daemon does on SIGHUP ({@code heartbeat -r}): reread ha.cf, haresources and
 * authkeys, and apply what can be applied while running.
 *
 * <ul>
 *   <li>nothing changed: {@code Configuration unchanged.};</li>
 *   <li>authkeys changed: the new keys sign and verify from the next packet on, so keys can be
 *       rotated without a restart ({@code Rereading authentication file.});</li>
 *   <li>ha.cf changed: the daemon restarts in place, keeping its resource groups running
 *       (Heartbeat's quick restart, see {@link HeartbeatDaemon#restart}); the restart rereads
 *       all three files;</li>
 *   <li>only haresources changed: logged with a warning that it takes effect at the next
 *       restart. Heartbeat does not notice it at all.</li>
 * </ul>
 * A configuration with errors changes nothing and is reported with file and line.
 * Files are compared by content, not modification time, so a touched file is not a change.
 */
final class ConfigReload {

    private static final Logger LOG = LoggerFactory.getLogger("heartbeat");

    private final HaConfigLoader.Options options;
    private final HeartbeatDaemon daemon;
    private byte[] haCf;
    private byte[] haResources;
    private byte[] authKeys;

    ConfigReload(HaConfigLoader.Options options, HeartbeatDaemon daemon) {
        this.options = options;
        this.daemon = daemon;
        haCf = digest("ha.cf");
        haResources = digest("haresources");
        authKeys = digest("authkeys");
    }

    synchronized void reload() {
        HaConfigLoader.Result result = HaConfigLoader.load(options);
        if (result.config().isEmpty()) {
            result.problems().stream().map(Problem::format).forEach(LOG::error);
            LOG.error("Config errors: configuration NOT reloaded (the running one stays in force).");
            return;
        }
        HaConfig config = result.config().get();
        byte[] newHaCf = digest("ha.cf");
        byte[] newHaResources = digest("haresources");
        byte[] newAuthKeys = digest("authkeys");
        if (!Arrays.equals(haCf, newHaCf)) {
            if (daemon.restart(config)) {
                haCf = newHaCf;
                haResources = newHaResources;
                authKeys = newAuthKeys;
            }
            return;
        }
        boolean changed = false;
        if (!Arrays.equals(authKeys, newAuthKeys)) {
            LOG.info("Rereading authentication file.");
            daemon.session().membership().replaceKeys(config.authKeys());
            authKeys = newAuthKeys;
            changed = true;
        }
        if (!Arrays.equals(haResources, newHaResources)) {
            LOG.warn("haresources changed: the new groups take effect when heartbeat is restarted.");
            haResources = newHaResources;
            changed = true;
        }
        if (!changed) {
            LOG.info("Configuration unchanged.");
        }
    }

    private byte[] digest(String name) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(options.directory().resolve(name)));
        } catch (IOException e) {
            return new byte[0]; // unreadable now (never a digest's length); the loader names the file
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Calls {@link #reload} on every SIGHUP. */
    void installSignalHandler() {
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"),
                signal -> Thread.ofVirtual().name("reload").start(this::reload));
    }
}
