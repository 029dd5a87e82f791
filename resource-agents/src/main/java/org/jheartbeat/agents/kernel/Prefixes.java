package org.jheartbeat.agents.kernel;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Prefix arithmetic on IPv4/IPv6 addresses. */
public final class Prefixes {

    private Prefixes() {
    }

    /** Whether {@code a} and {@code b} share the first {@code prefixLength} bits (false across families). */
    public static boolean sameNetwork(InetAddress a, InetAddress b, int prefixLength) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length || prefixLength < 0 || prefixLength > x.length * 8) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((x[bit / 8] & mask) != (y[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The IPv4 netmask as an int, e.g. 0xFFFFFF00 for 24. */
    public static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    /** {@code 255.255.255.0} for 24. */
    public static Inet4Address netmask(int prefixLength) {
        return ipv4(mask(prefixLength));
    }

    /** The IPv4 network's broadcast address: network | ~mask. */
    public static Inet4Address broadcast(Inet4Address address, int prefixLength) {
        return ipv4(toInt(address) | ~mask(prefixLength));
    }

    /** The prefix length of a contiguous netmask, or -1 when the mask has holes. */
    public static int prefixLength(Inet4Address netmask) {
        int mask = toInt(netmask);
        int length = Integer.bitCount(mask);
        return mask == mask(length) ? length : -1;
    }

    public static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    public static Inet4Address ipv4(int value) {
        byte[] b = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
