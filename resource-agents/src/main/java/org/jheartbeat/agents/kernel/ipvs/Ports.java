package org.jheartbeat.agents.kernel.ipvs;

/** Range check shared by the records that carry a TCP/UDP/SCTP port. */
final class Ports {

    private Ports() {
    }

    static void check(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }
}
