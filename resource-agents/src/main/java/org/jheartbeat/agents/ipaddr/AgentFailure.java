package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.OcfResult;

/** Ends an action early with an OCF result and the reason an operator reads. */
final class AgentFailure extends Exception {

    private final OcfResult result;

    AgentFailure(OcfResult result, String reason) {
        super(reason, null, false, false);
        this.result = result;
    }

    static AgentFailure configured(String reason) {
        return new AgentFailure(OcfResult.ERR_CONFIGURED, reason);
    }

    ActionResult toResult() {
        return ActionResult.of(result, getMessage());
    }

    OcfResult result() {
        return result;
    }
}
