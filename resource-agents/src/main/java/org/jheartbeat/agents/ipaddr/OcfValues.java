package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.agents.kernel.Prefixes;

import java.net.Inet4Address;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading OCF parameter values the way the shell agents read them. */
final class OcfValues {

    /** The values {@code ocf_is_true} accepts. */
    private static final Set<String> TRUE = Set.of("yes", "true", "1", "YES", "TRUE", "True", "ja", "on", "ON");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

    private OcfValues() {
    }

    /** The parameter, or empty when unset or empty (the shell agents treat both alike). */
    static Optional<String> value(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    static boolean isTrue(Map<String, String> parameters, String name, boolean defaultValue) {
        return value(parameters, name).map(TRUE::contains).orElse(defaultValue);
    }

    /** A non-negative decimal integer, or empty when the text is not one. */
    static OptionalInt nonNegative(String text) {
        return DIGITS.matcher(text).matches() ? OptionalInt.of(Integer.parseInt(text)) : OptionalInt.empty();
    }

    /**
     * A dotted-quad IPv4 address, never resolved through DNS.
     *
     * @return empty when the text is not four decimal octets
     */
    static Optional<Inet4Address> ipv4(String text) {
        Matcher m = DOTTED_QUAD.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int value = 0;
        for (int group = 1; group <= 4; group++) {
            int octet = Integer.parseInt(m.group(group));
            if (octet > 255) {
                return Optional.empty();
            }
            value = value << 8 | octet;
        }
        return Optional.of(Prefixes.ipv4(value));
    }

    static boolean looksLikeIpv6(String text) {
        return text.indexOf(':') >= 0;
    }
}
