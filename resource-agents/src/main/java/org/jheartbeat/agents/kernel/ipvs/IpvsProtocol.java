package org.jheartbeat.agents.kernel.ipvs;

/** The transport protocols an address-based virtual service can balance. */
public enum IpvsProtocol {
    TCP(6, "TCP"),
    UDP(17, "UDP"),
    SCTP(132, "SCTP");

    private final int number;
    private final String listingName;

    IpvsProtocol(int number, String listingName) {
        this.number = number;
        this.listingName = listingName;
    }

    /** IPPROTO_* number. */
    public int number() {
        return number;
    }

    /** The name {@code ipvsadm -L} prints in the Prot column. */
    public String listingName() {
        return listingName;
    }

    public static IpvsProtocol ofNumber(int number) {
        for (IpvsProtocol protocol : values()) {
            if (protocol.number == number) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("IP protocol " + number + " is not TCP, UDP or SCTP");
    }
}
