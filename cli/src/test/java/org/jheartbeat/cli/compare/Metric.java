package org.jheartbeat.cli.compare;

/** One row kind of the comparison table; each is measured for every timer setting. */
enum Metric {
    KILL_ANSWER("kill -9: fault -> survivor answers"),
    KILL_GARP("kill -9: fault -> survivor's GARP"),
    KILL_SILENCE("kill -9: last packet -> survivor's GARP"),
    LINK_ANSWER("link down: fault -> survivor answers"),
    LINK_GARP("link down: fault -> survivor's GARP"),
    LINK_SILENCE("link down: last packet -> survivor's GARP"),
    HANDOVER_ANSWER("switch-over: request -> taker answers"),
    HANDOVER_GAP("switch-over: gap without answers"),
    HANDOVER_GARP("switch-over: request -> taker's GARP");

    final String title;

    Metric(String title) {
        this.title = title;
    }
}
