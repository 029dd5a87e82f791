package org.jheartbeat.agents.kernel.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What identifies a virtual service in the kernel: protocol, address and port, or a firewall
 * mark (with the family of the packets it matches).
 */
public sealed interface ServiceKey {

    IpFamily family();

    /** {@code TCP 10.0.0.1:80}, {@code UDP [2001:db8::1]:53}: an address service. */
    record Address(IpvsProtocol protocol, InetAddress address, int port) implements ServiceKey {
        public Address {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
            Ports.check(port);
        }

        @Override
        public IpFamily family() {
            return IpFamily.of(address);
        }
    }

    /** {@code FWM 7}: every packet the firewall marked with this (unsigned, non-zero) value. */
    record FirewallMark(int mark, IpFamily family) implements ServiceKey {
        public FirewallMark {
            if (mark == 0) {
                throw new IllegalArgumentException("a firewall mark service needs a non-zero mark");
            }
            Objects.requireNonNull(family, "family");
        }
    }
}
