package org.jheartbeat.agents.kernel.ipvs;

import java.util.Objects;

/**
 * Encapsulation of a {@link ForwardMethod#TUNNEL} real server (kernels from 5.2 on).
 *
 * @param type     IPIP (the classic), GUE or GRE
 * @param port     GUE destination UDP port (0 otherwise)
 * @param checksum GUE/GRE checksum mode
 */
public record TunnelOptions(Type type, int port, Checksum checksum) {

    public static final TunnelOptions IPIP = new TunnelOptions(Type.IPIP, 0, Checksum.NONE);

    public TunnelOptions {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(checksum, "checksum");
        Ports.check(port);
    }

    public enum Type {
        IPIP("ipip"), GUE("gue"), GRE("gre");

        private final String text;

        Type(String text) {
            this.text = text;
        }

        /** Name in {@code ipvsadm --tun-info} and {@code --tun-type}. */
        public String text() {
            return text;
        }
    }

    public enum Checksum {
        NONE("-c"), CHECKSUM("+c"), REMOTE_CHECKSUM("r+c");

        private final String text;

        Checksum(String text) {
            this.text = text;
        }

        /** Short form in {@code ipvsadm --tun-info}. */
        public String text() {
            return text;
        }
    }

    /** The TunnelInfo column of {@code ipvsadm -L --tun-info}. */
    String listingText() {
        return switch (type) {
            case IPIP -> type.text();
            case GUE -> type.text() + ":" + port + ":" + checksum.text();
            case GRE -> type.text() + ":" + checksum.text();
        };
    }
}
