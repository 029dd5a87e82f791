package org.jheartbeat.agents.kernel.ipvs;

import java.net.Inet4Address;
import java.net.InetAddress;

/** The address families IPVS serves, with the kernel's AF_* numbers. */
public enum IpFamily {
    IPV4(2, 4),
    IPV6(10, 16);

    private final int number;
    private final int addressLength;

    IpFamily(int number, int addressLength) {
        this.number = number;
        this.addressLength = addressLength;
    }

    /** AF_INET or AF_INET6. */
    public int number() {
        return number;
    }

    public int addressLength() {
        return addressLength;
    }

    public static IpFamily of(InetAddress address) {
        return address instanceof Inet4Address ? IPV4 : IPV6;
    }

    /** The family for a kernel AF_* number; anything else is not an IPVS family. */
    public static IpFamily ofNumber(int number) {
        for (IpFamily family : values()) {
            if (family.number == number) {
                return family;
            }
        }
        throw new IllegalArgumentException("address family " + number + " is neither AF_INET nor AF_INET6");
    }
}
