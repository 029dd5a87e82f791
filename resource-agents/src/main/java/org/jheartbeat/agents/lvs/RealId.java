package org.jheartbeat.agents.lvs;

import org.jheartbeat.agents.lvs.check.CheckTarget;
import org.jheartbeat.agents.lvs.config.CheckType;
import org.jheartbeat.agents.lvs.config.RealServer;
import org.jheartbeat.agents.lvs.config.VirtualService;

/**
 * ldirectord's real id ({@code CHECK:PROTO:RIP:PORT:VIRTUALHOST:CHECKPORT:WEIGHT:FORWARD:REQUEST:RECEIVE}):
 * reals with the same id are checked once per round and the result goes to every virtual
 * listing them. The check interval is part of it here, since virtuals may differ in it.
 */
final class RealId {

    private RealId() {
    }

    static String of(VirtualService v, RealServer r) {
        CheckTarget t = CheckTarget.of(v, r);
        CheckType type = v.check().type();
        String check = switch (type.kind()) {
            case NEGOTIATE -> "negotiate:" + v.check().service().word();
            case COMBINED -> "combined:" + v.check().service().word() + ":" + type.connectRounds();
            case EXTERNAL, EXTERNAL_PERL -> type.word() + ":" + v.check().checkCommand() + ":" + v.id();
            default -> type.word();
        };
        return check + ":" + v.key().protocol().word() + ":" + r.endpoint() + ":" + t.virtualHost() + ":"
                + t.checkPort() + ":" + r.weight() + ":" + r.forwarding().word() + ":" + t.request() + ":"
                + t.receive() + ":" + v.check().intervalSeconds() + "s";
    }
}
