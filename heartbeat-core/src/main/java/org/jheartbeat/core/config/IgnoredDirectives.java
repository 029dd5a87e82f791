package org.jheartbeat.core.config;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Directives jheartbeat reads and checks but does not act on, each with the reason, so that the
 * administrator learns that a setting no longer does what it did under Heartbeat.
 */
final class IgnoredDirectives {

    private static final Map<Directive, String> REASONS = new EnumMap<>(Directive.class);

    static {
        String tuning = "it tunes Heartbeat's own process";
        String protocol = "JGroups carries the heartbeats, with its own wire format";
        String crm = "it only matters to the Pacemaker CRM, which jheartbeat does not run";
        REASONS.put(Directive.QUORUM_SERVER, crm);
        REASONS.put(Directive.UUIDFROM, "jheartbeat identifies nodes by name");
        REASONS.put(Directive.HBGENMETHOD, "JGroups detects restarted nodes itself");
        REASONS.put(Directive.HOPFUDGE, "it only applies to serial rings");
        REASONS.put(Directive.REALTIME, tuning);
        REASONS.put(Directive.RTPRIO, tuning);
        REASONS.put(Directive.COREDUMPS, tuning);
        REASONS.put(Directive.COREROOT, tuning);
        REASONS.put(Directive.MEMRESERVE, tuning);
        REASONS.put(Directive.MSGFMT, protocol);
        REASONS.put(Directive.COMPRESSION, protocol);
        REASONS.put(Directive.COMPRESSION_THRESHOLD, protocol);
        REASONS.put(Directive.TRADITIONAL_COMPRESSION, protocol);
        REASONS.put(Directive.MAX_REXMIT_DELAY, protocol);
        REASONS.put(Directive.CONN_LOGD_TIME, "jheartbeat has no logging daemon to reconnect to");
        REASONS.put(Directive.USE_APPHBD, "jheartbeat does not register with apphbd");
        REASONS.put(Directive.ENV, "the HA_ variables it sets are not passed to respawned programs");
        REASONS.put(Directive.CRM_DAEMON_DIR, crm);
        REASONS.put(Directive.CRMD_SPAWNS_PENGINE, crm);
        REASONS.put(Directive.RECORD_CONFIG_CHANGES, crm);
        REASONS.put(Directive.RECORD_PENGINE_INPUTS, crm);
        REASONS.put(Directive.ENABLE_CONFIG_WRITES, crm);
        REASONS.put(Directive.STONITH, "jheartbeat has no STONITH; an LVS director pair has no shared disk to protect");
        REASONS.put(Directive.STONITH_HOST, "jheartbeat has no STONITH; an LVS director pair has no shared disk to protect");
        REASONS.put(Directive.WATCHDOG, "jheartbeat does not drive a watchdog device");
    }

    private IgnoredDirectives() {
    }

    /** The note for an accepted line of this directive, or empty when the directive has an effect. */
    static Optional<String> note(Directive d) {
        return Optional.ofNullable(REASONS.get(d))
                .map(reason -> "parsed and ignored: " + d.word() + " has no effect in jheartbeat (" + reason + ")");
    }
}
