/**
 * Heartbeat 3.0.6's v1 (haresources) resource policy for one node of a pair, as a pure
 * function {@link org.jheartbeat.core.policy.Policy#decide}: (state, event, time) → (state,
 * actions). No I/O, clock, threads or logging: log lines come back as actions, timers as
 * {@code StartTimer}/{@code CancelTimer} with a token the caller hands back.
 *
 * <h2>State</h2>
 * <ul>
 *   <li>{@link org.jheartbeat.core.policy.Phase}: WAITING (comms not up) → STARTING (sent
 *       {@code starting}) → RUNNING → SHUTTING_DOWN → DOWN.</li>
 *   <li>the hold set (Heartbeat's claim: none/local/foreign/all), the groups wanted here, the
 *       groups that failed here, and each group's status (stopped, starting, running,
 *       stopping, stop failed);</li>
 *   <li>the peer's view: unknown/alive/dead/gone, its announced holdings, stability, failures;</li>
 *   <li>the standby hand-off: idle, asking ("me"), releasing, released, accepted ("other"),
 *       acquiring.</li>
 * </ul>
 *
 * <h2>Events and actions</h2>
 * Events: comms up, node alive/dead (ping nodes change nothing), peer messages
 * ({@link org.jheartbeat.core.policy.PeerMessage}), timers, hb_standby, hb_takeover, graceful
 * stop, and group start/stop results. Actions: start/stop a group, send a peer message,
 * start/cancel a timer, log, re-announce a group's addresses, escalate a stop failure, and
 * "shutdown complete".
 *
 * <h2>ipfail</h2>
 * {@link org.jheartbeat.core.policy.Ipfail} is Heartbeat's ipfail client as a second pure
 * function beside the policy: it compares how many ping nodes each node reaches and answers with
 * a delayed give-up, which its caller turns into the same {@code hb_standby} request an operator
 * would make, so every hand-off it causes goes through the standby protocol below.
 *
 * <h2>Safety</h2>
 * A node starts a group only (a) when the peer is dead or gone, (b) at start-up when the
 * peer's answer to <em>this</em> run's {@code starting} does not claim it, (c) after the
 * giver's standby {@code done}, which is sent only once every group of the set is stopped,
 * (d) in legacy mode on the answer to its own ip-request, sent only once the group is stopped.
 * Announcements always include groups not yet cleanly stopped, and no group is started while a
 * live peer's latest announcement still covers it.
 *
 * <h2>Where jheartbeat differs from Heartbeat (on purpose)</h2>
 * <ul>
 *   <li>Healed partition: Heartbeat restarts both daemons (every group down for deadtime+).
 *       Here each group stays on its home node, the other node stops it, and the home node
 *       re-announces its addresses (at once and again when the other node has let go).</li>
 *   <li>Start failure: the group is stopped (all resources, right to left) and marked failed
 *       here; once both nodes are stable its set (local or foreign) goes to the peer by the
 *       standby protocol (one attempt) unless the peer failed it too; with no live peer it
 *       stays down until the peer comes back, then it is offered the same way. Heartbeat
 *       instead runs {@code hb_standby foreign} 30 s later, which does not move a failed local
 *       group. A failed group is tried again here when its set is handed back to this node or
 *       the peer dies.</li>
 *   <li>Stop failure: the group stays held (so no hand-off completes and the peer never
 *       starts it) and {@code StopFailureEscalation} asks the caller to reset the node.</li>
 *   <li>Stale messages: {@code starting} and its answer carry the starter's incarnation, and
 *       ip-requests carry an id, so a message meant for an earlier run is never taken for
 *       the answer.</li>
 *   <li>Orphans: when both nodes are stable and neither holds this node's home groups (a
 *       hand-off was abandoned), the home node takes them.</li>
 *   <li>The giver waits for the taker's final {@code done} at most the standby takeover time
 *       (Heartbeat waits forever).</li>
 * </ul>
 */
package org.jheartbeat.core.policy;
