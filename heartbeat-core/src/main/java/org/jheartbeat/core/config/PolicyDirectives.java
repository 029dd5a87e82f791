package org.jheartbeat.core.config;

import java.util.List;
import java.util.Optional;

/**
 * auto_failback (and the obsolete nice_failback), pacemaker/crm with the Pacemaker-only
 * settings, STONITH and watchdog.
 */
final class PolicyDirectives {

    private PolicyDirectives() {
    }

    static boolean autoFailback(HaCfState s, String value, int line) {
        Optional<Boolean> on = HeartbeatBoolean.parse(value);
        if (on.isPresent()) {
            s.autoFailback = on.get() ? AutoFailback.ON : AutoFailback.OFF;
            s.niceFailback = true;
        } else if (Ascii.equalsIgnoreCase(value, "legacy")) {
            s.autoFailback = AutoFailback.LEGACY;
            s.niceFailback = false;
        } else {
            s.report.error(line, "Invalid auto_failback [" + HaCfReporter.shown(value) + "]: expected on, off or legacy");
            return false;
        }
        s.autoFailbackLine = line;
        return true;
    }

    /**
     * Heartbeat's quirk: nice_failback after an auto_failback on/off line turns failback off;
     * otherwise, even for {@code nice_failback on}, it selects legacy.
     */
    static boolean niceFailback(HaCfState s, String value, int line) {
        String obsolete = "nice_failback flag is obsolete.. Use auto_failback {on, off, legacy} instead.";
        if (HeartbeatBoolean.parse(value).isEmpty()) {
            s.report.error(line, obsolete + " [" + HaCfReporter.shown(value) + "] is not a boolean ("
                    + HeartbeatBoolean.EXPECTED + "). See documentation for details.");
            return false;
        }
        if (s.niceFailback) {
            s.report.warning(line, obsolete + " 'nice_failback " + value + "' has been changed to 'auto_failback off'."
                    + " See documentation for details.");
            s.autoFailback = AutoFailback.OFF;
        } else {
            s.report.warning(line, obsolete + " nice_failback " + value + " has been strictly interpreted as"
                    + " 'auto_failback legacy'. Consider converting to 'auto_failback on'. When you do, then you"
                    + " can use ipfail, and hb_standby. See documentation for details.");
            s.autoFailback = AutoFailback.LEGACY;
        }
        s.autoFailbackLine = line;
        return true;
    }

    /** pacemaker, or its alias crm (recorded under pacemaker). Only one such value is allowed. */
    static boolean pacemaker(HaCfState s, Directive d, String value, int line) {
        if (s.pacemakerSeen) {
            s.report.error(line, "pacemaker/crm directive used multiple times!");
            return false;
        }
        s.pacemakerSeen = true;
        boolean valid = HeartbeatBoolean.parse(value).isPresent() || HaCf.isCrmValue(value);
        if (!valid) {
            s.report.error(line, "Invalid " + d.word() + " [" + HaCfReporter.shown(value)
                    + "]: expected off (v1 resource management with haresources); jheartbeat supports no other mode");
            return false;
        }
        s.pacemaker = value;
        s.pacemakerLine = line;
        if (HaCf.isCrmValue(value)) {
            s.report.error(line, "Pacemaker support: " + value + " -- jheartbeat supports Heartbeat's v1 resource"
                    + " management (haresources) only, not the CRM/Pacemaker: write '" + d.word() + " off' or remove"
                    + " the line, and describe the resources in haresources");
        }
        return true;
    }

    /** crm_daemon_dir and crmd_spawns_pengine must come before pacemaker/crm. */
    static boolean beforePacemaker(HaCfState s, Directive d, String value, int line) {
        if (s.pacemaker != null) {
            s.report.error(line, "If you specify " + d.word() + ", it must come before the pacemaker directive"
                    + " (line " + s.pacemakerLine + ")");
            return false;
        }
        if (d == Directive.CRMD_SPAWNS_PENGINE) {
            return booleanValue(s, d, value, line);
        }
        return true;
    }

    static boolean booleanValue(HaCfState s, Directive d, String value, int line) {
        if (HeartbeatBoolean.parse(value).isEmpty()) {
            s.report.error(line, "Invalid " + d.word() + " value [" + HaCfReporter.shown(value) + "]: "
                    + HeartbeatBoolean.EXPECTED);
            return false;
        }
        return true;
    }

    /** stonith TYPE CONFIGFILE, or stonith_host HOST|* TYPE PARAMS...: checked for fields only. */
    static boolean stonith(HaCfState s, Directive d, String rest, int line) {
        List<String> f = HaCfLine.words(rest, HaCfLine.WHITESPACE);
        if (d == Directive.STONITH_HOST && f.isEmpty()) {
            s.report.error(line, "No Stonith hostname argument given (stonith_host HOST|* TYPE PARAMS...)");
            return false;
        }
        int typeIndex = d == Directive.STONITH_HOST ? 1 : 0;
        if (f.size() <= typeIndex) {
            s.report.error(line, "No Stonith type given (" + (d == Directive.STONITH ? "stonith TYPE CONFIGFILE"
                    : "stonith_host HOST|* TYPE PARAMS...") + ")");
            return false;
        }
        return true;
    }

    static boolean watchdog(HaCfState s, String value, int line) {
        if (s.watchdogSeen) {
            s.report.error(line, "Watchdog device multiply specified.");
            return false;
        }
        s.watchdogSeen = true;
        return true;
    }
}
