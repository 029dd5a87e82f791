package org.jheartbeat.agents.kernel.ipvs;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Addresses as the C library's inet_ntop prints them, which is what ipvsadm shows: IPv6 in
 * lower-case hex with the longest run (at least two) of zero groups shortened to {@code ::},
 * and IPv4-compatible/-mapped addresses with a dotted tail. Java's own text form never shortens.
 */
final class AddressText {

    private AddressText() {
    }

    static String of(InetAddress address) {
        byte[] b = address.getAddress();
        return address instanceof Inet4Address ? dotted(b, 0) : ipv6(b);
    }

    /** {@code ADDR:PORT}, IPv6 in brackets. */
    static String withPort(InetAddress address, int port) {
        String text = of(address);
        return (address instanceof Inet4Address ? text : "[" + text + "]") + ":" + port;
    }

    /** An IPv4 netmask held as a 32-bit value (255.255.255.0 = 0xFFFFFF00). */
    static String dottedMask(int mask) {
        return (mask >>> 24) + "." + ((mask >>> 16) & 0xFF) + "." + ((mask >>> 8) & 0xFF) + "." + (mask & 0xFF);
    }

    private static String dotted(byte[] b, int from) {
        return (b[from] & 0xFF) + "." + (b[from + 1] & 0xFF) + "." + (b[from + 2] & 0xFF) + "." + (b[from + 3] & 0xFF);
    }

    private static String ipv6(byte[] b) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && words[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestStart >= 0 && i >= bestStart && i < bestStart + bestLength) {
                if (i == bestStart) {
                    out.append(':');
                }
                continue;
            }
            if (i != 0) {
                out.append(':');
            }
            boolean embeddedIpv4 = i == 6 && bestStart == 0
                    && (bestLength == 6 || (bestLength == 5 && words[5] == 0xFFFF));
            if (embeddedIpv4) {
                out.append(dotted(b, 12));
                break;
            }
            out.append(Integer.toHexString(words[i]));
        }
        if (bestStart >= 0 && bestStart + bestLength == 8) {
            out.append(':');
        }
        return out.toString();
    }
}
