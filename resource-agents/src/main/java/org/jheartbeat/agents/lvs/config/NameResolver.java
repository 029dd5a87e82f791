package org.jheartbeat.agents.lvs.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns the host and service names of ldirectord.cf into numbers. Numeric forms never reach the
 * network; names go to the system resolver and the services database.
 */
public interface NameResolver {

    /** The first IPv4 address of a host name or dotted quad. */
    Optional<InetAddress> ipv4(String host);

    /** The port of a service name or number for the protocol ({@code tcp}/{@code udp}). */
    OptionalInt port(String service, Protocol protocol);

    /** Resolves names with the system resolver and {@code /etc/services}. */
    static NameResolver system() {
        return new SystemResolver(ServicesDatabase.system());
    }

    /** Accepts only numeric addresses and ports (and the services database): for tests and fuzzing
     *  where a name lookup would make the outcome depend on the network. */
    static NameResolver numericOnly() {
        return new SystemResolver(ServicesDatabase.system()) {
            @Override
            public Optional<InetAddress> ipv4(String host) {
                return Addresses.ipv4Literal(host);
            }
        };
    }

    /** Port numbers, then the services database. */
    class SystemResolver implements NameResolver {
        private final ServicesDatabase services;

        SystemResolver(ServicesDatabase services) {
            this.services = services;
        }

        @Override
        public Optional<InetAddress> ipv4(String host) {
            Optional<InetAddress> literal = Addresses.ipv4Literal(host);
            if (literal.isPresent() || !Addresses.isHostName(host)) {
                return literal;
            }
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    if (!(a instanceof Inet6Address)) {
                        return Optional.of(a);
                    }
                }
                return Optional.empty();
            } catch (UnknownHostException | SecurityException e) {
                return Optional.empty();
            }
        }

        @Override
        public OptionalInt port(String service, Protocol protocol) {
            if (service.matches("[0-9]{1,5}")) {
                int p = Integer.parseInt(service);
                return p <= 65535 ? OptionalInt.of(p) : OptionalInt.empty();
            }
            return services.port(service, protocol == Protocol.UDP ? "udp" : "tcp");
        }
    }
}
