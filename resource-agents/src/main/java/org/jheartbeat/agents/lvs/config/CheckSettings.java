package org.jheartbeat.agents.lvs.config;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the real servers of one virtual are checked, with every default and fallback of
 * ldirectord already applied (timeouts as its set-up resolves them, service from the port).
 *
 * @param checkPort       {@code checkport=}, absent when the real's own port is used
 * @param request         the virtual's request, a leading {@code /} added as ldirectord does
 * @param receive         the regular expression an answer must match; empty matches anything
 * @param virtualHost     HTTP Host header, absent = the real's address
 * @param intervalSeconds seconds between two checks of the same real server
 */
public record CheckSettings(CheckType type, ServiceType service, String checkCommand,
                            int checkTimeoutSeconds, int negotiateTimeoutSeconds, int checkCount,
                            int failureCount, int intervalSeconds, OptionalInt checkPort,
                            String request, String receive, String httpMethod,
                            Optional<String> virtualHost, String login, String password,
                            String database, String secret) {

    public CheckSettings {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(checkCommand, "checkCommand");
        Objects.requireNonNull(checkPort, "checkPort");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(receive, "receive");
        Objects.requireNonNull(httpMethod, "httpMethod");
        Objects.requireNonNull(virtualHost, "virtualHost");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(secret, "secret");
        if (checkTimeoutSeconds < 1 || negotiateTimeoutSeconds < 1 || checkCount < 1 || failureCount < 1
                || intervalSeconds < 1) {
            throw new IllegalArgumentException("timeouts, counts and interval must be positive");
        }
    }
}
