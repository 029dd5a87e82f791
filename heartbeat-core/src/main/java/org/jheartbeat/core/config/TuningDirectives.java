package org.jheartbeat.core.config;

import java.util.OptionalInt;

/**
 * Directives for Heartbeat's own process and protocol (scheduling, core dumps, wire format,
 * compression, memory, uuid and generation sources, cluster naming): checked like Heartbeat
 * checks them, recorded for cl_status, and otherwise without effect in jheartbeat.
 */
final class TuningDirectives {

    /** Linux SCHED_FIFO priorities. */
    static final int MIN_RTPRIO = 1;
    static final int MAX_RTPRIO = 99;

    private TuningDirectives() {
    }

    static boolean apply(HaCfState s, Directive d, String value, int line) {
        return switch (d) {
            case CLUSTER, QUORUM_SERVER, COREROOT -> true;
            case UUIDFROM -> oneOf(s, value, line, "Invalid uuidfrom directive", "file", "nodename");
            case HBGENMETHOD -> oneOf(s, value, line, "Illegal hb generation method", "file", "time");
            case MSGFMT -> oneOf(s, value, line, "Invalid msgfmt", "classic", "netstring");
            case COMPRESSION -> oneOf(s, value, line, "Invalid compression", "zlib", "bz2");
            case HOPFUDGE -> range(s, value, line, "Invalid hopfudge", 0, 255);
            case RTPRIO -> range(s, value, line, "Illegal realtime priority", MIN_RTPRIO, MAX_RTPRIO);
            case COMPRESSION_THRESHOLD -> range(s, value, line, "Invalid compression_threshold", 1, Integer.MAX_VALUE);
            case MAX_REXMIT_DELAY -> range(s, value, line, "Invalid max_rexmit_delay time", 1, Integer.MAX_VALUE);
            case MEMRESERVE -> range(s, value, line, "Invalid memreserve", 1, Integer.MAX_VALUE);
            case REALTIME, COREDUMPS, TRADITIONAL_COMPRESSION, LOG_BADPACK, SYSLOGMSGFMT, USE_APPHBD,
                 RECORD_CONFIG_CHANGES, RECORD_PENGINE_INPUTS, ENABLE_CONFIG_WRITES ->
                    PolicyDirectives.booleanValue(s, d, value, line);
            default -> throw new IllegalArgumentException(d.word());
        };
    }

    private static boolean oneOf(HaCfState s, String value, int line, String message, String a, String b) {
        if (value.equals(a) || value.equals(b)) {
            return true;
        }
        s.report.error(line, message + " [" + HaCfReporter.shown(value) + "]: expected " + a + " or " + b);
        return false;
    }

    private static boolean range(HaCfState s, String value, int line, String message, int min, int max) {
        OptionalInt n = Numbers.parseInRange(value, min, max);
        if (n.isPresent()) {
            return true;
        }
        s.report.error(line, message + " [" + HaCfReporter.shown(value) + "]: expected a whole number "
                + (max == Integer.MAX_VALUE ? "greater than " + (min - 1) : min + ".." + max));
        return false;
    }
}
