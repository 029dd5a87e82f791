package org.jheartbeat.core.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads ha.cf as Heartbeat 3.0.6 does: directive by directive, in file order, reporting every
 * problem (with Heartbeat's wording where it has one) and carrying on, then applying Heartbeat's
 * defaults and start-up checks.
 *
 * <p>Three kinds of line exist. Most directives take a list: the values are split at commas and
 * blanks and each is applied as if written on its own line ({@code node a b,c} declares three
 * nodes; {@code deadtime 500 ms} sets 500 seconds and then fails on {@code ms}). respawn,
 * failfast, apiauth, stonith and stonith_host take the rest of the line. Among the media, bcast,
 * serial and ping take a list; mcast, ucast and ping_group take the whole line.
 */
public final class HaCfParser {

    /** Heartbeat's MAXLINE: longer lines are refused. */
    public static final int MAX_LINE_BYTES = 5120;

    private HaCfParser() {
    }

    /**
     * Parses ha.cf text. Always returns a model, built from the lines that could be read (bad
     * ones are skipped), and adds every problem found to {@code problems}.
     */
    public static HaCf parse(ConfigText text, Problems problems) {
        return parse(text, problems, HostDatabase.system());
    }

    /** Reads and parses a file; empty (after an error) only when the file cannot be read at all. */
    public static Optional<HaCf> read(Path file, Problems problems) {
        return read(file, problems, HostDatabase.system());
    }

    static Optional<HaCf> read(Path file, Problems problems, HostDatabase host) {
        return new ConfigFileReader(MAX_LINE_BYTES).read(file, problems).map(text -> parse(text, problems, host));
    }

    static HaCf parse(ConfigText text, Problems problems, HostDatabase host) {
        HaCfReporter report = new HaCfReporter(text.file(), problems);
        HaCfState state = new HaCfState(report, host);
        for (ConfigLine line : text.lines()) {
            if (tooLong(line.text())) {
                report.error(line.number(), "line is longer than " + MAX_LINE_BYTES + " bytes (the line is ignored)");
                continue;
            }
            if (line.text().indexOf('\0') >= 0) {
                report.error(line.number(), "line contains a NUL byte; is this a text file? (the line is ignored)");
                continue;
            }
            HaCfLine.of(line).ifPresent(l -> apply(state, l));
        }
        return HaCfChecks.finish(state);
    }

    private static boolean tooLong(String text) {
        return text.length() > MAX_LINE_BYTES / 3
                && (text.length() > MAX_LINE_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_LINE_BYTES);
    }

    private static void apply(HaCfState s, HaCfLine line) {
        String name = line.name();
        if (name.equals("udp")) {
            s.report.warning(line.number(), "directive 'udp' replaced by 'bcast' (write bcast)");
            name = "bcast";
        }
        Optional<Directive> directive = DirectiveCatalog.lookup(name);
        if (directive.isEmpty()) {
            String hint = DirectiveCatalog.suggest(name).map(d -> "; did you mean " + d + "?").orElse("");
            s.report.error(line.number(), "Illegal directive [" + HaCfReporter.shown(name) + "]" + hint);
            return;
        }
        Directive d = directive.get();
        boolean accepted = false;
        if (d.style() == Directive.Style.WHOLE_LINE) {
            accepted = applyWholeLine(s, d, line.rest(), line.number());
        } else {
            List<String> values = HaCfLine.words(line.rest(), HaCfLine.DELIMS);
            if (values.isEmpty()) {
                s.report.warning(line.number(), d.word() + " has no value; the line has no effect");
            }
            String previous = null;
            for (String value : values) {
                if (applyOption(s, d, value, previous, line.number())) {
                    accepted = true;
                    if (d.recorded()) {
                        s.parameters.put(d.word(), value);
                    } else if (d == Directive.CRM) {
                        s.parameters.put(Directive.PACEMAKER.word(), value);
                    }
                }
                previous = value;
            }
        }
        if (accepted) {
            IgnoredDirectives.note(d).ifPresent(note -> s.report.warning(line.number(), note));
        }
    }

    private static boolean applyWholeLine(HaCfState s, Directive d, String rest, int line) {
        return switch (d) {
            case MCAST -> MediaDirectives.mcast(s, rest, line);
            case UCAST -> MediaDirectives.ucast(s, rest, line);
            case MCAST6, UCAST6 -> MediaDirectives.ipv6Medium(s, d, rest, line);
            case PING_GROUP -> MediaDirectives.pingGroup(s, rest, line);
            case RESPAWN, FAILFAST -> ClientDirectives.respawn(s, d, rest, line);
            case APIAUTH -> ClientDirectives.apiauth(s, rest, line);
            case STONITH, STONITH_HOST -> PolicyDirectives.stonith(s, d, rest, line);
            default -> throw new IllegalArgumentException(d.word());
        };
    }

    private static boolean applyOption(HaCfState s, Directive d, String value, String previous, int line) {
        return switch (d) {
            case NODE -> NodeDirectives.node(s, value, line);
            case AUTOJOIN -> NodeDirectives.autojoin(s, value, line);
            case KEEPALIVE, DEADTIME, WARNTIME, INITDEAD, DEADPING ->
                    TimingDirectives.apply(s, d, value, previous, line);
            case UDPPORT -> MediaDirectives.udpport(s, value, line);
            case BCAST -> MediaDirectives.bcast(s, value, line);
            case SERIAL -> MediaDirectives.serial(s, value, line);
            case BAUD -> MediaDirectives.baud(s, value, line);
            case PING -> MediaDirectives.ping(s, value, line);
            case PING6 -> MediaDirectives.ping6(s, value, line);
            case AUTO_FAILBACK -> PolicyDirectives.autoFailback(s, value, line);
            case NICE_FAILBACK -> PolicyDirectives.niceFailback(s, value, line);
            case PACEMAKER, CRM -> PolicyDirectives.pacemaker(s, d, value, line);
            case CRM_DAEMON_DIR, CRMD_SPAWNS_PENGINE -> PolicyDirectives.beforePacemaker(s, d, value, line);
            case WATCHDOG -> PolicyDirectives.watchdog(s, value, line);
            case ENV -> ClientDirectives.env(s, value, line);
            case LOGFACILITY -> LoggingDirectives.facility(s, value, line);
            case LOGFILE, DEBUGFILE -> LoggingDirectives.logfile(s, d, value, line);
            case USE_LOGD -> LoggingDirectives.useLogd(s, value, line);
            case DEBUG -> LoggingDirectives.debug(s, value, line);
            case CONN_LOGD_TIME -> LoggingDirectives.connLogdTime(s, value, line);
            default -> TuningDirectives.apply(s, d, value, line);
        };
    }
}
