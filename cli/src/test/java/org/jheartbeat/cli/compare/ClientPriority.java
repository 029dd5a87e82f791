package org.jheartbeat.cli.compare;

import org.jheartbeat.core.membership.RealtimeScheduling;

/**
 * The poller's probes and the directors' answers stand for a client on another machine and a
 * service the kernel forwards; in this lab they share two processors with both daemons. So
 * that what they measure is the network and not whose threads the scheduler ran first, their
 * threads run at realtime priority {@value #PRIORITY}, above every contender's own realtime
 * threads (jheartbeat's at 50; heartbeat's processes and keepalived's lower or not realtime).
 * The threads block almost all the time (a probe every interval, an answer per probe).
 */
final class ClientPriority {

    static final int PRIORITY = 60;

    private ClientPriority() {
    }

    /** Puts the calling thread at SCHED_FIFO {@value #PRIORITY}, or says on stderr that it could not. */
    static void raiseCurrentThread() {
        if (!RealtimeScheduling.raiseCurrentThread(PRIORITY)) {
            System.err.println(Thread.currentThread().getName() + " keeps normal priority (not permitted)");
        }
    }
}
