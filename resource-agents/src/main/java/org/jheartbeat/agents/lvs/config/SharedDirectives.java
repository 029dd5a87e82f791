package org.jheartbeat.agents.lvs.config;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the directives that may appear both globally and inside a virtual section. The error
 * texts are ldirectord's, which differ slightly between the two places.
 */
final class SharedDirectives {

    static final Set<String> NAMES = Set.of("checktimeout", "negotiatetimeout", "checkcount", "failurecount",
            "checkinterval", "fallback", "fallback6", "fallbackcommand", "quiescent", "cleanstop", "emailalert",
            "emailalertfreq", "emailalertstatus", "smtp", "connecttimeout");

    private static final Set<String> PHASES = Set.of("starting", "running", "stopping", "reloading");

    private SharedDirectives() {
    }

    /** Applies one directive; false if {@code name} is not one of {@link #NAMES}. */
    static boolean apply(SharedSettings s, String name, String value, boolean inSection, Where where) {
        String suffix = inSection ? "" : " value";
        switch (name) {
            case "checktimeout" -> s.checkTimeout = positive(value, "invalid check timeout" + suffix, where);
            case "negotiatetimeout" -> s.negotiateTimeout = positive(value, "invalid negotiate timeout" + suffix, where);
            case "checkcount" -> {
                s.checkCount = positive(value, "invalid check count" + suffix, where);
                where.warning("checkcount option is deprecated and slated for removal.  please see 'failurecount'");
            }
            case "failurecount" -> s.failureCount = positive(value, "invalid failure count" + suffix, where);
            case "checkinterval" -> {
                s.checkInterval = positive(value, inSection ? "invalid checkinterval" : "invalid check interval value",
                        where);
                s.checkIntervalLine = where.line();
            }
            case "fallback" -> FallbackDraft.parse(name, value, false, where).ifPresent(f -> s.fallback = Optional.of(f));
            case "fallback6" -> FallbackDraft.parse(name, value, true, where).ifPresent(f -> s.fallback6 = Optional.of(f));
            case "fallbackcommand" -> {
                String command = inSection ? DirectiveValues.optionallyQuoted(value) : value;
                if (command.isBlank()) {
                    where.error("invalid fallback command");
                } else {
                    s.fallbackCommand = Optional.of(command);
                }
            }
            case "quiescent" -> s.quiescent = yesNo(name, value, where);
            case "cleanstop" -> s.cleanStop = yesNo(name, value, where);
            case "emailalert" -> {
                String to = DirectiveValues.optionallyQuoted(value);
                if (to.isBlank()) {
                    where.error("no email address specified");
                } else {
                    s.emailAlert = Optional.of(Arrays.stream(to.split("[,\\s]+")).filter(a -> !a.isEmpty()).toList());
                }
            }
            case "emailalertfreq" -> {
                OptionalInt n = DirectiveValues.number(value);
                if (n.isEmpty()) {
                    where.error("invalid email alert frequency");
                } else {
                    s.emailAlertFreq = Optional.of(n.getAsInt());
                }
            }
            case "emailalertstatus" -> s.emailAlertStatus = alertStatus(value, where);
            case "smtp" -> {
                String host = value.strip();
                if (!host.matches("[0-9A-Za-z._+-]+")) {
                    where.error("invalid SMTP server address");
                } else {
                    s.smtp = Optional.of(host);
                }
            }
            case "connecttimeout" -> where.error("connecttimeout directive deprecated in favour of negotiatetimeout");
            default -> {
                return false;
            }
        }
        return true;
    }

    static Optional<Integer> positive(String value, String error, Where where) {
        OptionalInt n = DirectiveValues.atLeast(value, 1);
        if (n.isEmpty()) {
            where.error(error);
            return Optional.empty();
        }
        return Optional.of(n.getAsInt());
    }

    static Optional<Boolean> yesNo(String name, String value, Where where) {
        Optional<Boolean> b = DirectiveValues.yesNo(value);
        if (b.isEmpty()) {
            where.error(DirectiveValues.yesNoError(name, value));
        }
        return b;
    }

    private static Optional<Set<String>> alertStatus(String value, Where where) {
        List<String> words = Arrays.stream(value.strip().split("\\s*,\\s*")).toList();
        Set<String> phases = new LinkedHashSet<>();
        boolean none = false;
        for (String w : words) {
            switch (w) {
                case "all" -> phases.addAll(PHASES);
                case "none" -> none = true;
                default -> {
                    if (!PHASES.contains(w)) {
                        where.error("invalid email alert status at: \"" + w + "\"");
                        return Optional.empty();
                    }
                    phases.add(w);
                }
            }
        }
        if (none && words.size() > 1) {
            where.error("invalid email alert status: \"" + value.strip() + "\" specified with \"none\"");
            return Optional.empty();
        }
        return Optional.of(Set.copyOf(phases));
    }
}
