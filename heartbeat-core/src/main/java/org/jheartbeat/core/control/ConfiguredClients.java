package org.jheartbeat.core.control;

import java.util.Optional;

import org.jheartbeat.core.config.HaConfig;
import org.jheartbeat.core.config.RespawnClient;
import org.jheartbeat.core.membership.MembershipSnapshot;
import org.jheartbeat.core.membership.NodeStatus;
import org.jheartbeat.core.membership.NodeType;

/**
 * {@code cl_status clientstatus NODE CLIENT} answered from configuration and membership, for a
 * daemon that does not track its clients one by one. Heartbeat's respawned clients sign on to
 * the API under their program's name (ipfail as {@code ipfail}) once communications are up, and
 * both nodes of a pair carry the same ha.cf: so a respawn client is {@code online} on a normal
 * node that is {@code active} while this daemon runs its clients, and {@code offline} otherwise.
 */
public final class ConfiguredClients {

    private ConfiguredClients() {
    }

    /**
     * @param clientsRunning whether this daemon starts its respawn clients (a daemon that does
     *                       not, reports every client offline, which is the truth)
     */
    public static Optional<String> status(HaConfig config, MembershipSnapshot membership, String node, String client,
                                          boolean clientsRunning) {
        Optional<MembershipSnapshot.NodeView> view = membership.node(node);
        if (view.isEmpty()) {
            return Optional.empty();
        }
        boolean declared = config.haCf().respawnClients().stream().map(ConfiguredClients::clientName)
                .anyMatch(client::equals);
        boolean alive = view.get().type() == NodeType.NORMAL && view.get().status() == NodeStatus.ACTIVE;
        return Optional.of(clientsRunning && declared && alive ? "online" : "offline");
    }

    /** The name a respawn client signs on with: its program's file name. */
    static String clientName(RespawnClient client) {
        String command = client.command();
        return command.substring(command.lastIndexOf('/') + 1);
    }
}
