package org.jheartbeat.agents.lvs.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * What a negotiate check speaks ({@code service=}), with the well-known port that picks the
 * service when {@code service=} is absent and that is checked when a real has no port.
 */
public enum ServiceType {
    DNS(53), FTP(21), HTTP(80), HTTPS(443), HTTP_PROXY(3128), IMAP(143), IMAPS(993), LDAP(389),
    LDAPS(636), MYSQL(3306), NNTP(119), NONE(0), ORACLE(1521), PGSQL(5432), POP(110), POPS(995),
    RADIUS(1812), SIMPLETCP(0), SIP(5060), SMTP(25), SUBMISSION(587);

    private final int wellKnownPort;

    ServiceType(int wellKnownPort) {
        this.wellKnownPort = wellKnownPort;
    }

    /** The name in ldirectord.cf: {@code http}, {@code http_proxy}, ... */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The port ldirectord associates with the service, if any. */
    public OptionalInt wellKnownPort() {
        return wellKnownPort == 0 ? OptionalInt.empty() : OptionalInt.of(wellKnownPort);
    }

    public static Optional<ServiceType> ofWord(String word) {
        return Arrays.stream(values()).filter(s -> s.word().equals(word)).findFirst();
    }

    /** The service a virtual on this port gets without {@code service=}: {@link #NONE} if unknown. */
    public static ServiceType forPort(int port) {
        return Arrays.stream(values())
                .filter(s -> s.wellKnownPort == port && port != 0)
                .findFirst().orElse(NONE);
    }

    /** {@code dns ftp http ...} in the order ldirectord lists them in its error message. */
    public static String allWords() {
        return Arrays.stream(values()).map(ServiceType::word).sorted().collect(Collectors.joining(" "));
    }
}
