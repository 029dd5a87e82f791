package org.jheartbeat.agents.lvs.config;

/** What identifies a virtual service in IPVS: protocol + address + port, or a firewall mark. */
public sealed interface VirtualKey {

    Protocol protocol();

    /** The virtual id of ldirectord's log lines: {@code tcp:192.168.0.100:80}, {@code fwm:1}, {@code fwm6:1}. */
    String id();

    /** How log lines name the service: {@code VIP:PORT}, or the mark number. */
    String display();

    boolean ipv6();

    record Address(Protocol protocol, Endpoint endpoint) implements VirtualKey {
        public Address {
            if (protocol == Protocol.FWM) {
                throw new IllegalArgumentException("an address service is tcp or udp");
            }
        }

        @Override
        public String id() {
            return protocol.word() + ":" + endpoint;
        }

        @Override
        public String display() {
            return endpoint.toString();
        }

        @Override
        public boolean ipv6() {
            return endpoint.isIpv6();
        }
    }

    record Mark(int mark, boolean ipv6) implements VirtualKey {
        @Override
        public Protocol protocol() {
            return Protocol.FWM;
        }

        @Override
        public String id() {
            return (ipv6 ? "fwm6:" : "fwm:") + Integer.toUnsignedString(mark);
        }

        @Override
        public String display() {
            return Integer.toUnsignedString(mark);
        }
    }
}
