package org.jheartbeat.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The content of ha.cf, with every default Heartbeat 3.0.6 computes already applied.
 *
 * @param nodes          normal nodes, lower-cased, in declaration order, without duplicates
 * @param media          bcast/mcast/ucast media in declaration order
 * @param pingTargets    ping nodes and ping groups in declaration order
 * @param udpPort        the udpport setting (694, or the port of service ha-cluster/udp, by default);
 *                       each bcast/ucast medium carries the port it really uses
 * @param autoFailback   {@code legacy} when not given
 * @param apiAuth        client API permissions: the built-in ones, each replaced by an
 *                       {@code apiauth} line for the same client, then the other clients
 * @param pacemaker      the pacemaker/crm value as written; {@code "false"} when absent
 * @param parameters     what {@code cl_status hbparameter -p NAME} reports: values as written,
 *                       computed ones as {@code <n>ms}; directives Heartbeat does not record
 *                       (node, nice_failback, crm, use_apphbd, env, media...) are absent
 */
public record HaCf(
        List<String> nodes,
        List<Medium> media,
        List<PingTarget> pingTargets,
        Timers timers,
        int udpPort,
        AutoFailback autoFailback,
        List<RespawnClient> respawnClients,
        Map<String, ApiAuth> apiAuth,
        LoggingSettings logging,
        Autojoin autojoin,
        String pacemaker,
        Map<String, String> parameters) {

    /** pacemaker/crm values, besides the booleans, that start Pacemaker's daemons. */
    private static final Set<String> CRM_MODES = Set.of("respawn", "minimal", "manual", "valgrind", "ccm-only");

    public HaCf {
        nodes = List.copyOf(nodes);
        media = List.copyOf(media);
        pingTargets = List.copyOf(pingTargets);
        respawnClients = List.copyOf(respawnClients);
        apiAuth = Collections.unmodifiableMap(new LinkedHashMap<>(apiAuth));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Whether ha.cf asks for Pacemaker (CRM) resource management instead of haresources. */
    public boolean crmEnabled() {
        return isCrmValue(pacemaker);
    }

    static boolean isCrmValue(String value) {
        return HeartbeatBoolean.parse(value).orElse(false)
                || CRM_MODES.contains(Ascii.lower(value));
    }

    /** Whether {@code name} (any case) is a declared normal node. */
    public boolean hasNode(String name) {
        return nodes.contains(Ascii.lower(name));
    }

    /** The respawn line that runs ipfail, if any. */
    public List<RespawnClient> ipfailClients() {
        return respawnClients.stream().filter(RespawnClient::isIpfail).toList();
    }
}
