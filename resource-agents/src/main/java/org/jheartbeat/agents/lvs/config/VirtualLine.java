package org.jheartbeat.agents.lvs.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The value of {@code virtual=} / {@code virtual6=}: a firewall mark, or a host and a port. */
sealed interface VirtualLine {

    boolean ipv6();

    record Mark(int mark, boolean ipv6) implements VirtualLine {
    }

    /** A {@code virtual=} line with an error: its section is still read, to report its problems too. */
    record Unparsable(boolean ipv6) implements VirtualLine {
    }

    /** @param host dotted quad or host name (IPv4), or the text inside the brackets (IPv6) */
    record HostPort(String host, String port, boolean ipv6) implements VirtualLine {
    }

    Pattern MARK = Pattern.compile("\\s*([0-9]{1,10})\\s*");
    Pattern V4 = Pattern.compile("\\s*([A-Za-z0-9.-]+):([A-Za-z0-9_-]+)\\s*");
    Pattern V6 = Pattern.compile("\\s*\\[([0-9A-Fa-f:.]+)\\]:([A-Za-z0-9_-]+)\\s*");

    static Optional<VirtualLine> parse(String value, boolean ipv6, Where where) {
        Matcher mark = MARK.matcher(value);
        if (mark.matches()) {
            long m = Long.parseLong(mark.group(1));
            if (m < 1 || m > 0xFFFFFFFFL) {
                where.error("invalid firewall mark for virtual server: " + m + " (1.." + 0xFFFFFFFFL + ")");
                return Optional.empty();
            }
            return Optional.of(new Mark((int) m, ipv6));
        }
        if (ipv6) {
            Matcher m = V6.matcher(value);
            if (!m.matches() || Addresses.ipv6Literal(m.group(1)).isEmpty()) {
                where.error("invalid ipv6 address for virtual server");
                return Optional.empty();
            }
            return Optional.of(new HostPort(m.group(1), m.group(2), true));
        }
        Matcher m = V4.matcher(value);
        if (!m.matches()) {
            where.error(value.contains("[") || value.chars().filter(c -> c == ':').count() > 1
                    ? "cannot specify an IPv6 address here. please use \"virtual6\" instead."
                    : "invalid address for virtual server");
            return Optional.empty();
        }
        return Optional.of(new HostPort(m.group(1), m.group(2), false));
    }
}
