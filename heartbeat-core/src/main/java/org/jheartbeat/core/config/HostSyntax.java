package org.jheartbeat.core.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Syntax of interface names, IPv4 addresses and host names, checked without any lookup: the
 * parser must not depend on DNS or on the interfaces of the machine that runs the check.
 */
final class HostSyntax {

    /** Linux IFNAMSIZ is 16 bytes with the terminator. */
    static final int MAX_INTERFACE_NAME = 15;
    private static final int MAX_HOST_NAME = 253;

    private HostSyntax() {
    }

    /** Why this cannot be an interface name, or empty when it can. */
    static Optional<String> interfaceNameProblem(String name) {
        if (name.length() > MAX_INTERFACE_NAME) {
            return Optional.of("interface names are at most " + MAX_INTERFACE_NAME + " characters long");
        }
        if (name.indexOf('/') >= 0 || name.equals(".") || name.equals("..")) {
            return Optional.of("an interface name cannot contain '/' or be '.' or '..'");
        }
        return Optional.empty();
    }

    /** A dotted-quad IPv4 address such as 10.0.0.1, as an address (no lookup). */
    static Optional<InetAddress> ipv4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0 && value <= 255 && part < 4) {
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return Optional.empty();
            }
        }
        if (part != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(text, bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static boolean isIpv4Multicast(InetAddress address) {
        int first = address.getAddress()[0] & 0xff;
        return address.getAddress().length == 4 && first >= 224 && first <= 239;
    }

    /** Whether this looks like an IPv6 address (and so needs one of the IPv6 media). */
    static boolean looksIpv6(String text) {
        return text.indexOf(':') >= 0;
    }

    /** Host name syntax: dot-separated labels of letters, digits, '-' and '_'. */
    static boolean isHostName(String text) {
        if (text.isEmpty() || text.length() > MAX_HOST_NAME || text.startsWith(".") || text.contains("..")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Why this cannot be an IPv4 address or host name to send to, or empty when it can. */
    static Optional<String> hostProblem(String text) {
        if (looksIpv6(text)) {
            return Optional.of("it is an IPv6 address; jheartbeat supports IPv4 heartbeats only");
        }
        if (ipv4(text).isPresent()) {
            return Optional.empty();
        }
        boolean dottedDigits = text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
        if (dottedDigits) {
            return Optional.of("it is not a valid IPv4 address (four numbers 0..255 separated by dots)");
        }
        return isHostName(text) ? Optional.empty()
                : Optional.of("it is neither an IPv4 address nor a host name");
    }
}
