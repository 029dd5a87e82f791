package org.jheartbeat.core.policy;

import java.util.ArrayList;
import org.jheartbeat.core.policy.PeerMessage.IpRequest;
import org.jheartbeat.core.policy.PeerMessage.IpRequestResponse;

/**
 * auto_failback legacy: the home node asks for each of its groups with {@code ip-request}; the
 * holder stops the group and answers; the home node starts it on the answer (spec §6).
 */
final class LegacyRules {

    private LegacyRules() {
    }

    /** Ask the peer for every group whose home is this node. */
    static void requestLocalGroups(Transition t) {
        for (String key : t.config.keysOf(HoldSet.LOCAL)) {
            PeerMessage.RequestId id = t.newRequestId();
            t.legacyAsked.put(key, id);
            t.send(new IpRequest(key, id));
        }
    }

    static void peerRequests(Transition t, IpRequest request) {
        String key = request.key();
        if (t.config.niceFailback()) {
            return;
        }
        if (t.config.groups().stream().noneMatch(g -> g.key().equals(key))) {
            t.log(LogLevel.WARN, "ip-request for unknown resource group " + key + " from " + t.peerName() + " ignored.");
            return;
        }
        t.wanted.remove(key);
        GroupStatus status = t.status(key);
        if (status == GroupStatus.STOPPED) {
            t.send(new IpRequestResponse(key, request.id(), false));
        } else {
            // Answer once the group is stopped; a group that cannot be stopped is never answered.
            t.legacyOwed.put(key, new IpRequestResponse(key, request.id(), true));
        }
    }

    static void peerResponded(Transition t, IpRequestResponse response) {
        String key = response.key();
        if (t.config.niceFailback() || t.phase != Phase.RUNNING
                || !response.id().equals(t.legacyAsked.get(key))) {
            return;
        }
        t.legacyAsked.remove(key);
        if (response.weOwned() && t.status(key) == GroupStatus.RUNNING) {
            // Both ran it (a healed partition): our addresses must win the neighbours back.
            t.act(new PolicyAction.ReannounceAddresses(key));
        }
        t.wanted.add(key);
    }

    static void progress(Transition t) {
        for (String key : new ArrayList<>(t.legacyOwed.keySet())) {
            if (t.status(key) == GroupStatus.STOPPED) {
                t.send(t.legacyOwed.remove(key));
            }
        }
    }
}
