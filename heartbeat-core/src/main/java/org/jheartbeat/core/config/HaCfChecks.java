package org.jheartbeat.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What Heartbeat's init_config does once ha.cf is read: fixed defaults, computed timers
 * (warntime, initdead, deadping), the checks that need the whole file, and the resulting
 * {@link HaCf}. The order of the checks follows Heartbeat's, so messages come out in the order
 * Heartbeat logs them.
 */
final class HaCfChecks {

    /** Directives whose default Heartbeat records when they are absent ({@code heartbeat -D}). */
    private static final Map<String, String> FIXED_DEFAULTS = new LinkedHashMap<>();

    static {
        FIXED_DEFAULTS.put("cluster", "linux-ha");
        FIXED_DEFAULTS.put("hopfudge", "1");
        FIXED_DEFAULTS.put("keepalive", "1000ms");
        FIXED_DEFAULTS.put("deadtime", "30000ms");
        FIXED_DEFAULTS.put("baud", "19200");
        FIXED_DEFAULTS.put("auto_failback", "legacy");
        FIXED_DEFAULTS.put("hbgenmethod", "file");
        FIXED_DEFAULTS.put("realtime", "true");
        FIXED_DEFAULTS.put("msgfmt", "classic");
        FIXED_DEFAULTS.put("conn_logd_time", "60");
        FIXED_DEFAULTS.put("log_badpack", "true");
        FIXED_DEFAULTS.put("syslogmsgfmt", "true");
        FIXED_DEFAULTS.put("coredumps", "true");
        FIXED_DEFAULTS.put("pacemaker", "false");
        FIXED_DEFAULTS.put("autojoin", "none");
        FIXED_DEFAULTS.put("uuidfrom", "file");
        FIXED_DEFAULTS.put("compression", "zlib");
        FIXED_DEFAULTS.put("compression_threshold", "2");
        FIXED_DEFAULTS.put("traditional_compression", "no");
        FIXED_DEFAULTS.put("max_rexmit_delay", "250");
        FIXED_DEFAULTS.put("record_config_changes", "on");
        FIXED_DEFAULTS.put("record_pengine_inputs", "on");
        FIXED_DEFAULTS.put("enable_config_writes", "on");
        FIXED_DEFAULTS.put("memreserve", "6500");
        FIXED_DEFAULTS.put("debug", "0");
    }

    private HaCfChecks() {
    }

    static HaCf finish(HaCfState s) {
        HaCfReporter report = s.report;
        Map<String, String> parameters = s.parameters;
        FIXED_DEFAULTS.forEach(parameters::putIfAbsent);
        AutoFailback autoFailback = s.autoFailback == null ? AutoFailback.LEGACY : s.autoFailback;
        String pacemaker = s.pacemaker == null ? "false" : s.pacemaker;
        boolean crm = HaCf.isCrmValue(pacemaker);

        if (s.mediaCount == 0) {
            report.error(0, "No heartbeat media defined (add a bcast, mcast or ucast line, e.g. ucast eth0 10.0.0.2)");
        } else if (s.media.isEmpty() && s.nodes.size() > 1) {
            report.warning(0, "only ping media are defined: the nodes cannot hear each other (add a bcast, mcast"
                    + " or ucast line)");
        }
        long warntime = s.warntime;
        if (warntime <= 0) {
            warntime = s.deadtime / 2;
            parameters.put("warntime", warntime + "ms");
        }
        if (s.nodes.isEmpty() && s.autojoin != Autojoin.ANY) {
            report.error(0, "no nodes defined (declare every cluster node with a node line, e.g. node loadb1 loadb2)");
        }
        if (s.deadtime <= 2 * s.keepalive) {
            report.error(s.deadtimeLine > 0 ? s.deadtimeLine : s.keepaliveLine, "Dead time [" + s.deadtime
                    + "] is too small compared to keeplive [" + s.keepalive + "] (deadtime must be more than twice"
                    + " keepalive)");
        }
        long initdead = s.initdead;
        if (initdead < 0) {
            initdead = s.deadtime > 10000 ? s.deadtime : s.deadtime < 6000 ? 12000 : 2 * s.deadtime;
            parameters.put("initdead", initdead + "ms");
        }
        if (initdead < s.deadtime) {
            report.error(s.initdeadLine, "Initial dead time [" + initdead + "] is smaller than deadtime ["
                    + s.deadtime + "]");
        } else if (initdead < 10000) {
            report.warning(s.initdeadLine, "Initial dead time [" + initdead + " ms] may be too small! Initial dead"
                    + " time accounts for slow network startup time. It should be >= deadtime and >= 10 seconds");
        }
        long deadping = s.deadping;
        if (deadping < 0) {
            deadping = s.deadtime;
            parameters.put("deadping", deadping + "ms");
        } else if (deadping <= 2 * s.keepalive) {
            report.error(s.deadpingLine, "Ping dead time [" + deadping + "] is too small compared to keeplive ["
                    + s.keepalive + "] (deadping must be more than twice keepalive)");
        }
        int udpPort = MediaDirectives.currentPort(s);
        parameters.putIfAbsent("udpport", Integer.toString(udpPort));
        if (autoFailback == AutoFailback.LEGACY && !crm) {
            report.warning(s.autoFailbackLine, "Deprecated 'legacy' auto_failback option selected. Please convert to"
                    + " 'auto_failback on'. See documentation for conversion details. (With legacy, hb_standby and"
                    + " hb_takeover do nothing and ipfail exits.)");
            s.respawnClients.stream().filter(RespawnClient::isIpfail).forEach(c -> report.warning(c.line(),
                    "ipfail does nothing while auto_failback is legacy: set auto_failback on or off"));
        }
        boolean useLogd = checkLogging(s);
        if (s.facility != null) {
            parameters.putIfAbsent("logfile", "/dev/null");
            parameters.putIfAbsent("debugfile", "/dev/null");
        }
        if (s.autojoin != Autojoin.NONE && !crm) {
            report.error(s.autojoinLine, "R1 style resource management conflicts with  autojoin set: jheartbeat"
                    + " manages resources from haresources only, which requires autojoin none (remove the"
                    + " autojoin line)");
        }
        Timers timers = new Timers(Duration.ofMillis(s.keepalive), Duration.ofMillis(s.deadtime),
                Duration.ofMillis(warntime), Duration.ofMillis(initdead), Duration.ofMillis(deadping));
        LoggingSettings logging = new LoggingSettings(path(s.logfile), path(s.debugfile),
                Optional.ofNullable(s.facility), useLogd, s.debugLevel);
        return new HaCf(s.nodes.stream().toList(), s.media, s.pingTargets, timers, udpPort, autoFailback,
                s.respawnClients, apiAuth(s), logging, s.autojoin, pacemaker, parameters);
    }

    /** Heartbeat's check_logd_usage; returns whether logd is (implicitly) in use. */
    private static boolean checkLogging(HaCfState s) {
        boolean anyTarget = s.logfile != null || s.debugfile != null || s.facility != null;
        if (!anyTarget) {
            if (s.useLogd == null) {
                s.parameters.put("use_logd", "yes");
                return true;
            }
            if (!s.useLogd) {
                s.report.error(s.useLogdLine, "No log entry found in ha.cf and use_logd is set to off (add logfile"
                        + " or logfacility, or remove use_logd)");
            }
            return s.useLogd;
        }
        if (Boolean.TRUE.equals(s.useLogd)) {
            StringBuilder targets = new StringBuilder();
            for (String[] t : new String[][] {{"logfile", s.logfile}, {"debugfile", s.debugfile},
                    {"logfacility", s.facility}}) {
                if (t[1] != null) {
                    targets.append(targets.isEmpty() ? "" : "/").append(t[0]);
                }
            }
            s.report.warning(s.useLogdLine, "logd is enabled but " + targets + " is still configured in ha.cf");
            return true;
        }
        return false;
    }

    /** The built-in client permissions, each replaced by the file's line for it, then the other clients. */
    private static Map<String, ApiAuth> apiAuth(HaCfState s) {
        Map<String, ApiAuth> all = new LinkedHashMap<>();
        for (ApiAuth builtIn : BuiltInApiAuth.ALL) {
            all.put(builtIn.client(), s.apiAuth.getOrDefault(builtIn.client(), builtIn));
        }
        s.apiAuth.forEach(all::putIfAbsent);
        return all;
    }

    private static Optional<Path> path(String value) {
        return Optional.ofNullable(value).map(Path::of);
    }
}
