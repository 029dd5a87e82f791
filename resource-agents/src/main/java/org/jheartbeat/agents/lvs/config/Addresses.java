package org.jheartbeat.agents.lvs.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Strict parsing of address literals: only the forms ldirectord.cf documents. */
public final class Addresses {

    private static final Pattern DOTTED_QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.-]{1,253}");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private Addresses() {
    }

    /** {@code a.b.c.d} with every part 0..255; nothing shorter or longer. */
    public static Optional<InetAddress> ipv4Literal(String text) {
        var m = DOTTED_QUAD.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int part = Integer.parseInt(m.group(i + 1));
            if (part > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) part;
        }
        return Optional.of(byAddress(bytes));
    }

    /** An IPv6 literal without brackets (IPv4-mapped forms allowed). */
    public static Optional<InetAddress> ipv6Literal(String text) {
        if (!IPV6_TEXT.matcher(text).matches() || !text.contains(":")) {
            return Optional.empty();
        }
        try {
            InetAddress a = InetAddress.ofLiteral(text);
            return Optional.of(a);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the text has the shape of a host name ldirectord would try to resolve. */
    public static boolean isHostName(String text) {
        return HOST_NAME.matcher(text).matches() && !text.startsWith("-");
    }

    /** The address {@code steps} after {@code start} (IPv4), or empty past 255.255.255.255. */
    public static Optional<InetAddress> ipv4Plus(InetAddress start, long steps) {
        long value = ipv4Value(start) + steps;
        if (value > 0xFFFFFFFFL) {
            return Optional.empty();
        }
        return Optional.of(byAddress(new byte[] {
                (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value}));
    }

    public static long ipv4Value(InetAddress a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
