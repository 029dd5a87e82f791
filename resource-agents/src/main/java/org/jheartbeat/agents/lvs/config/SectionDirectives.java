package org.jheartbeat.agents.lvs.config;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the directives of a virtual section. */
final class SectionDirectives {

    /** Directives that only mean something inside a virtual section. */
    static final Set<String> SECTION_ONLY = Set.of("real", "real6", "checktype", "checkcommand", "checkport",
            "request", "receive", "httpmethod", "virtualhost", "login", "passwd", "database", "secret", "load",
            "scheduler", "persistent", "netmask", "schedflags", "protocol", "ops", "service", "monitorfile",
            "servicename", "comment");

    private static final Set<String> SCHED_FLAGS =
            Set.of("flag-1", "flag-2", "flag-3", "sh-fallback", "sh-port", "mh-fallback", "mh-port");
    private static final Pattern SCHEDULER = Pattern.compile("\\s*([a-z]+)(.*)");
    private static final Pattern CHECKTYPE =
            Pattern.compile("\\s*(negotiate|connect|ping|external-perl|external|off|on|[0-9]{1,9})\\s*");

    private SectionDirectives() {
    }

    /** Applies one directive to the section; false if {@code name} is not a section directive. */
    static boolean apply(SectionDraft d, String name, String value, Where where) {
        if (SharedDirectives.apply(d.shared, name, value, true, where)) {
            return true;
        }
        switch (name) {
            case "real", "real6" -> {
                if (name.equals("real6") != d.virtual.ipv6()) {
                    where.error(d.virtual.ipv6() ? "cannot specify \"real\" here.  please use \"real6\" instead"
                            : "cannot specify \"real6\" here.  please use \"real\" instead");
                } else {
                    RealLineParser.parse(value, d.virtual.ipv6(), where).ifPresent(d.reals::add);
                }
            }
            case "checktype" -> {
                Matcher m = CHECKTYPE.matcher(value);
                if (!m.matches()) {
                    where.error("checktype must be \"connect\", \"negotiate\", \"on\", \"off\", \"ping\", \"external\","
                            + " \"external-perl\" or a positive number");
                } else {
                    d.checkType = Optional.of(checkType(m.group(1)));
                }
            }
            case "checkcommand" -> nonBlank(DirectiveValues.optionallyQuoted(value), "invalid check command", where)
                    .ifPresent(c -> d.checkCommand = Optional.of(c));
            case "checkport" -> {
                OptionalInt p = DirectiveValues.number(value);
                if (p.isEmpty()) {
                    where.error("invalid port");
                } else if (p.getAsInt() < 1 || p.getAsInt() > 65535) {
                    where.error("checkport must be in range 1..65535");
                } else {
                    d.checkPort = Optional.of(p.getAsInt());
                }
            }
            case "request" -> DirectiveValues.requireQuoted(name, value, where).ifPresent(r -> {
                if (r.isEmpty()) {
                    where.error("no request string specified");
                } else {
                    d.request = Optional.of(DirectiveValues.withLeadingSlash(r));
                }
            });
            case "receive" -> DirectiveValues.requireQuoted(name, value, where).ifPresent(r -> {
                if (ReceivePattern.compile(r).isEmpty()) {
                    where.error("invalid receive string: not a regular expression: " + r);
                } else {
                    d.receive = Optional.of(r);
                }
            });
            case "httpmethod" -> {
                String method = value.strip().toUpperCase(Locale.ROOT);
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    where.error("httpmethod must be GET or HEAD");
                } else {
                    d.httpMethod = Optional.of(method);
                }
            }
            case "virtualhost" -> nonBlank(DirectiveValues.optionallyQuoted(value), "invalid virtual host", where)
                    .ifPresent(v -> d.virtualHost = Optional.of(v));
            case "login" -> DirectiveValues.requireQuoted(name, value, where).ifPresent(v -> d.login = Optional.of(v));
            case "passwd" -> DirectiveValues.requireQuoted(name, value, where).ifPresent(v -> d.password = Optional.of(v));
            case "database" -> DirectiveValues.requireQuoted(name, value, where)
                    .ifPresent(v -> d.database = Optional.of(v));
            case "secret" -> DirectiveValues.requireQuoted(name, value, where).ifPresent(v -> d.secret = Optional.of(v));
            case "load" -> DirectiveValues.requireQuoted(name, value, where)
                    .ifPresent(v -> where.warning("load is read but not used, as in ldirectord"));
            case "scheduler" -> {
                Matcher m = SCHEDULER.matcher(value);
                if (!m.matches()) {
                    where.error("invalid scheduler, should be only lowercase letters (a-z)");
                } else {
                    if (!m.group(2).isBlank()) {
                        where.warning("scheduler " + m.group(1) + " used; the text after it is ignored: "
                                + m.group(2).strip());
                    }
                    d.scheduler = Optional.of(m.group(1));
                }
            }
            case "persistent" -> {
                OptionalInt t = DirectiveValues.number(value);
                if (t.isEmpty()) {
                    where.error("invalid persistent timeout");
                } else {
                    d.persistent = Optional.of(t.getAsInt());
                }
            }
            case "netmask" -> netmask(d, value, where);
            case "schedflags" -> {
                String flags = value.strip();
                if (flags.isEmpty() || !flags.matches("\\S+")) {
                    where.error("invalid sched-flags");
                } else if (!SCHED_FLAGS.containsAll(java.util.Arrays.asList(flags.split(",", -1)))) {
                    where.error("invalid sched-flags: " + flags + " (a comma list of " + String.join(", ",
                            new java.util.TreeSet<>(SCHED_FLAGS)) + ")");
                } else {
                    d.schedFlags = Optional.of(flags);
                }
            }
            case "protocol" -> protocol(d, value, where);
            case "ops" -> SharedDirectives.yesNo(name, value, where).ifPresent(b -> d.ops = Optional.of(b));
            case "service" -> {
                Optional<ServiceType> s = ServiceType.ofWord(value.strip().toLowerCase(Locale.ROOT));
                if (s.isEmpty()) {
                    where.error("service must be " + ServiceType.allWords());
                } else {
                    d.service = s;
                }
            }
            case "monitorfile" -> nonBlank(DirectiveValues.optionallyQuoted(value), "no monitorfile specified", where)
                    .ifPresent(f -> {
                        if (!GlobalDirectives.canAppend(f)) {
                            where.error("unable to open monitorfile " + f + ": not writable");
                        } else {
                            d.monitorFile = Optional.of(f);
                        }
                    });
            case "servicename" -> d.serviceName = Optional.of(value.strip());
            case "comment" -> d.comment = Optional.of(value.strip());
            default -> {
                return false;
            }
        }
        return true;
    }

    private static CheckType checkType(String word) {
        return switch (word) {
            case "negotiate" -> CheckType.NEGOTIATE;
            case "connect" -> CheckType.of(CheckType.Kind.CONNECT);
            case "ping" -> CheckType.of(CheckType.Kind.PING);
            case "external" -> CheckType.of(CheckType.Kind.EXTERNAL);
            case "external-perl" -> CheckType.of(CheckType.Kind.EXTERNAL_PERL);
            case "off" -> CheckType.of(CheckType.Kind.OFF);
            case "on" -> CheckType.of(CheckType.Kind.ON);
            default -> CheckType.combined(Integer.parseInt(word));
        };
    }

    private static void netmask(SectionDraft d, String value, Where where) {
        String mask = value.strip();
        if (d.virtual.ipv6()) {
            OptionalInt prefix = DirectiveValues.number(mask);
            if (prefix.isEmpty() || prefix.getAsInt() < 1 || prefix.getAsInt() > 128) {
                where.error("invalid netmask: a prefix length between 1 and 128 is required");
                return;
            }
        } else if (Addresses.ipv4Literal(mask).isEmpty()) {
            where.error("invalid netmask: dotted quad notation is required");
            return;
        }
        d.netmask = Optional.of(mask);
    }

    private static void protocol(SectionDraft d, String value, Where where) {
        String word = value.strip();
        boolean mark = d.virtual instanceof VirtualLine.Mark;
        switch (word) {
            case "tcp", "udp" -> {
                if (mark) {
                    where.error("protocol must be fwm if the virtual service is a fwmark (a number)");
                    return;
                }
            }
            case "fwm" -> {
                if (!mark) {
                    where.error("protocol must be tcp or udp if the virtual service is an address and port");
                    return;
                }
            }
            default -> {
                where.error("invalid protocol");
                return;
            }
        }
        d.protocol = Optional.of(Protocol.valueOf(word.toUpperCase(Locale.ROOT)));
        d.protocolLine = where.line();
    }

    private static Optional<String> nonBlank(String value, String error, Where where) {
        if (value.isBlank()) {
            where.error(error);
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
