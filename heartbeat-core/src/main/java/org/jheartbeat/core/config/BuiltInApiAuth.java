package org.jheartbeat.core.config;

import java.util.List;

/** The client API permissions Heartbeat grants when ha.cf has no apiauth line for a client. */
final class BuiltInApiAuth {

    static final List<ApiAuth> ALL = List.of(
            new ApiAuth("ipfail", List.of("hacluster"), List.of()),
            new ApiAuth("ccm", List.of("hacluster"), List.of()),
            new ApiAuth("ping", List.of(), List.of("haclient")),
            new ApiAuth("lha-snmpagent", List.of("root"), List.of()),
            new ApiAuth("anon", List.of("root"), List.of("haclient")));

    private BuiltInApiAuth() {
    }
}
