package org.jheartbeat.agents.lvs.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code real=} server of a virtual (a range in the file becomes one of these per address).
 *
 * @param port           0 when the line gives none (IPVS then uses the virtual's port for DR/TUN)
 * @param request        the per-real request overriding the virtual's, if the line has one
 * @param receive        the per-real receive overriding the virtual's (always given with request)
 * @param lowerThreshold IPVS lower connection threshold ({@code l:N}), 0 = none
 * @param upperThreshold IPVS upper connection threshold ({@code u:N}), 0 = none
 * @param line           the line of the file it came from
 */
public record RealServer(Endpoint endpoint, Forwarding forwarding, int weight, Optional<String> request,
                         Optional<String> receive, int lowerThreshold, int upperThreshold, int line) {

    public RealServer {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(forwarding, "forwarding");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(receive, "receive");
        if (weight < 0 || lowerThreshold < 0 || upperThreshold < 0) {
            throw new IllegalArgumentException("negative weight or threshold");
        }
    }
}
