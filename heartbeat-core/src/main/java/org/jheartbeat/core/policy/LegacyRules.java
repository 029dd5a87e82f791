package org.jheartbeat.core.policy;

import java.util.ArrayList;
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
            t.legacyAsked.add(key);
            t.send(new PeerMessage.IpRequest(key));
        }
    }

    static void peerRequests(Transition t, String key) {
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
            t.send(new IpRequestResponse(key, false));
        } else {
            // Answer once the group is stopped; a group that cannot be stopped is never answered.
            t.legacyOwed.put(key, true);
        }
    }

    static void peerResponded(Transition t, IpRequestResponse response) {
        String key = response.key();
        if (t.config.niceFailback() || !t.legacyAsked.remove(key) || t.phase != Phase.RUNNING) {
            return;
        }
        if (response.weOwned() && t.status(key) == GroupStatus.RUNNING) {
            // Both ran it (a healed partition): our addresses must win the neighbours back.
            t.act(new PolicyAction.ReannounceAddresses(key));
        }
        t.wanted.add(key);
    }

    static void progress(Transition t) {
        for (String key : new ArrayList<>(t.legacyOwed.keySet())) {
            if (t.status(key) == GroupStatus.STOPPED) {
                t.send(new IpRequestResponse(key, t.legacyOwed.remove(key)));
            }
        }
    }
}
