package org.jheartbeat.agents.kernel.ipvs;

/** How the director hands a packet to a real server (IP_VS_CONN_F_* forwarding bits). */
public enum ForwardMethod {
    /** NAT, {@code ipvsadm -m}. */
    MASQ(0, "Masq"),
    /** The director itself; ipvsadm has no option for it, old kernels reported local addresses so. */
    LOCAL(1, "Local"),
    /** IP-in-IP (or GUE/GRE) tunnel, {@code ipvsadm -i}. */
    TUNNEL(2, "Tunnel"),
    /** Direct routing ("gatewaying"), {@code ipvsadm -g}, the default. */
    ROUTE(3, "Route");

    private final int code;
    private final String listingName;

    ForwardMethod(int code, String listingName) {
        this.code = code;
        this.listingName = listingName;
    }

    public int code() {
        return code;
    }

    /** The Forward column of {@code ipvsadm -L}. */
    public String listingName() {
        return listingName;
    }

    /** The method in a kernel connection-flag word (only the low three bits count). */
    public static ForwardMethod ofCode(int flags) {
        int method = flags & 7;
        for (ForwardMethod m : values()) {
            if (m.code == method) {
                return m;
            }
        }
        throw new IllegalArgumentException("forwarding method " + method + " is not one IPVS configures");
    }
}
