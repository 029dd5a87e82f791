package org.jheartbeat.core.config;

import java.util.OptionalInt;
import java.util.Set;

/** logfacility, logfile, debugfile, use_logd, debug and the log-format switches. */
final class LoggingDirectives {

    /** glibc's syslog facility names, which Heartbeat looks up case-sensitively. */
    static final Set<String> FACILITIES = Set.of("auth", "authpriv", "cron", "daemon", "ftp", "kern", "lpr",
            "mail", "news", "security", "syslog", "user", "uucp", "local0", "local1", "local2", "local3",
            "local4", "local5", "local6", "local7");

    private LoggingDirectives() {
    }

    static boolean facility(HaCfState s, String value, int line) {
        if (!value.equals("none") && !FACILITIES.contains(value)) {
            s.report.error(line, "Log facility(" + HaCfReporter.shown(value) + ") not valid: expected none or one of"
                    + " auth, authpriv, cron, daemon, ftp, kern, lpr, mail, news, security, syslog, user, uucp,"
                    + " local0 ... local7 (lower case)");
            return false;
        }
        s.facility = value.equals("none") ? null : value;
        s.facilityLine = line;
        return true;
    }

    static boolean logfile(HaCfState s, Directive d, String value, int line) {
        if (!value.startsWith("/")) {
            s.report.warning(line, d.word() + " [" + HaCfReporter.shown(value) + "] is not an absolute path;"
                    + " the daemon runs in / so it means /" + HaCfReporter.shown(value));
        }
        if (d == Directive.LOGFILE) {
            s.logfile = value;
        } else {
            s.debugfile = value;
        }
        return true;
    }

    static boolean useLogd(HaCfState s, String value, int line) {
        var on = HeartbeatBoolean.parse(value);
        if (on.isEmpty()) {
            s.report.error(line, "Invalid use_logd [" + HaCfReporter.shown(value) + "]: " + HeartbeatBoolean.EXPECTED);
            return false;
        }
        s.useLogd = on.get();
        s.useLogdLine = line;
        return true;
    }

    static boolean debug(HaCfState s, String value, int line) {
        OptionalInt level = Numbers.parseInRange(value, 0, 255);
        if (level.isEmpty()) {
            s.report.error(line, "Invalid debug level [" + HaCfReporter.shown(value) + "]: expected 0..255");
            return false;
        }
        s.debugLevel = level.getAsInt();
        return true;
    }

    static boolean connLogdTime(HaCfState s, String value, int line) {
        if (HeartbeatTime.parseMillis(value).orElse(0) <= 0) {
            s.report.error(line, "Invalid conn_logd_time [" + HaCfReporter.shown(value) + "]: a time greater than 0 ("
                    + HeartbeatTime.EXPECTED + ")");
            return false;
        }
        return true;
    }
}
