package org.jheartbeat.core.policy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jheartbeat.core.config.AutoFailback;
import org.jheartbeat.core.config.HaConfig;

/**
 * What ipfail needs from the configuration.
 *
 * @param configured       ha.cf has a {@code respawn} line whose program ends in {@code /ipfail}
 * @param managesResources the daemon manages resource groups (haresources is not empty)
 * @param partner          the one other normal node, if there is exactly one
 * @param giveupDelay      how long a give-up is delayed: twice the keepalive
 * @param recountDelay     how long to wait after the partner became stable before counting
 *                         ping nodes again (Heartbeat's ipfail: 10 s)
 */
public record IpfailConfig(boolean configured, boolean managesResources, String localNode, Optional<String> partner,
                           AutoFailback mode, Duration giveupDelay, Duration recountDelay) {

    public static final Duration RECOUNT_DELAY = Duration.ofSeconds(10);

    public IpfailConfig {
        Objects.requireNonNull(localNode, "localNode");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(giveupDelay, "giveupDelay");
        Objects.requireNonNull(recountDelay, "recountDelay");
    }

    public static IpfailConfig from(HaConfig config) {
        List<String> peers = config.peers();
        return new IpfailConfig(!config.haCf().ipfailClients().isEmpty(), !config.groups().isEmpty(),
                config.localNode(), peers.size() == 1 ? Optional.of(peers.getFirst()) : Optional.empty(),
                config.haCf().autoFailback(), config.haCf().timers().keepalive().multipliedBy(2), RECOUNT_DELAY);
    }
}
