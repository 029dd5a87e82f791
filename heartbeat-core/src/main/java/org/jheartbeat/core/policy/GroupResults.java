package org.jheartbeat.core.policy;

/** Outcomes of the group work the policy asked for. */
final class GroupResults {

    private GroupResults() {
    }

    static void started(Transition t, String key) {
        if (t.status(key) == GroupStatus.STARTING) {
            t.groups.put(key, GroupStatus.RUNNING);
        }
    }

    /**
     * A start failed: stop the whole group (right to left, the failed resource included) and
     * keep it failed here. Its set goes to the peer once both nodes are stable and the peer has
     * not failed it too ({@link OwnershipRules#offerFailedGroups}); with no live peer it stays
     * down until one comes.
     */
    static void startFailed(Transition t, String key) {
        if (t.status(key) != GroupStatus.STARTING) {
            return;
        }
        t.groups.put(key, GroupStatus.STOPPING);
        t.act(new PolicyAction.StopGroup(key));
        t.failed.add(key);
        t.wanted.remove(key);
        t.log(LogLevel.ERROR, "Resource group " + key + " failed to start; stopping it.");
        if (t.phase != Phase.RUNNING) {
            return;
        }
        if (t.config.niceFailback() && t.peer.alive() && !t.peer.failed().contains(key)) {
            OwnershipRules.offerFailedGroups(t);
            t.info("Resource group " + key + " failed here: giving " + t.config.categoryOf(key)
                    + " resources to " + t.peerName() + " once both nodes are stable.");
        } else {
            t.log(LogLevel.ERROR, "Resource group " + key + " failed to start and no other node can run it.");
        }
    }

    static void stopped(Transition t, String key) {
        if (t.status(key).stopUnderWay()) {
            t.groups.put(key, GroupStatus.STOPPED);
        }
    }

    static void stopFailed(Transition t, String key) {
        if (!t.status(key).stopUnderWay()) {
            return;
        }
        t.groups.put(key, GroupStatus.STOP_FAILED);
        t.log(LogLevel.CRIT, "Resource group " + key
                + " could not be stopped: it stays held here until this node is reset.");
        t.act(new PolicyAction.StopFailureEscalation(key));
    }
}
