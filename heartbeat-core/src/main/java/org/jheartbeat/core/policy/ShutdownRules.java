package org.jheartbeat.core.policy;

/** Our own graceful stop: release every group, then tell the peer (spec §10.1). */
final class ShutdownRules {

    private ShutdownRules() {
    }

    static void request(Transition t) {
        if (t.phase == Phase.SHUTTING_DOWN || t.shutdownDelayed) {
            return;
        }
        if (busy(t)) {
            t.log(LogLevel.WARN, "Shutdown delayed until current resource activity finishes.");
            t.shutdownDelayed = true;
            return;
        }
        begin(t);
    }

    private static boolean busy(Transition t) {
        return t.resourceWorkInProgress()
                || t.standby instanceof Standby.Releasing || t.standby instanceof Standby.Acquiring;
    }

    private static void begin(Transition t) {
        t.shutdownDelayed = false;
        StandbyRules.cancel(t);
        StartupRules.cancelRequestDelay(t);
        t.phase = Phase.SHUTTING_DOWN;
        t.info("Giving up all HA resources.");
        t.holds = HoldSet.NONE;
        t.pendingRelease = HoldSet.NONE;
        t.wanted.clear();
        t.legacyAsked.clear();
        // Heartbeat runs give-group for every group in haresources, held or not.
        t.config.keysOf(HoldSet.ALL).forEach(t::forceStop);
    }

    static void progress(Transition t) {
        if (t.shutdownDelayed && !busy(t)) {
            begin(t);
        }
        if (t.phase == Phase.SHUTTING_DOWN && t.allStopped(t.config.keysOf(HoldSet.ALL))) {
            t.info("All HA resources relinquished.");
            if (t.peer.alive()) {
                // Our last announcement must say "nothing" before the peer acts on shutdone.
                t.announceIfChanged();
                t.send(new PeerMessage.Shutdone());
            }
            t.phase = Phase.DOWN;
            t.act(new PolicyAction.ShutdownComplete());
        }
    }
}
