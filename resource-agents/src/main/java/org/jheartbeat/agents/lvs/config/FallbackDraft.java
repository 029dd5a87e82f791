package org.jheartbeat.agents.lvs.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code fallback=} / {@code fallback6=} value checked for shape; the host and port are turned
 * into numbers once the protocol of the virtual using it is known.
 */
record FallbackDraft(String host, Optional<String> port, Forwarding forwarding, boolean ipv6, int line) {

    private static final Pattern V4 = Pattern.compile("\\s*([A-Za-z0-9.-]+)(?::([A-Za-z0-9_-]+))?(?:\\s+(\\S+))?\\s*");
    private static final Pattern V6 = Pattern.compile("\\s*\\[([0-9A-Fa-f:.]+)\\](?::([A-Za-z0-9_-]+))?(?:\\s+(\\S+))?\\s*");

    static Optional<FallbackDraft> parse(String name, String value, boolean ipv6, Where where) {
        Matcher m = (ipv6 ? V6 : V4).matcher(value);
        if (!m.matches()) {
            if (!ipv6 && value.contains("[")) {
                where.error("cannot specify an IPv6 address here. please use \"fallback6\" instead.");
            } else {
                where.error("invalid " + name + " server: expected " + (ipv6 ? "[IPV6]" : "HOST")
                        + "[:PORT] [gate|masq|ipip], got \"" + value + "\"");
            }
            return Optional.empty();
        }
        Forwarding forwarding = Forwarding.GATE;
        if (m.group(3) != null) {
            Optional<Forwarding> f = Forwarding.ofWord(m.group(3));
            if (f.isEmpty()) {
                where.error("forward method must be gate, masq or ipip");
                return Optional.empty();
            }
            forwarding = f.get();
        }
        return Optional.of(new FallbackDraft(m.group(1), Optional.ofNullable(m.group(2)), forwarding, ipv6,
                where.line()));
    }
}
