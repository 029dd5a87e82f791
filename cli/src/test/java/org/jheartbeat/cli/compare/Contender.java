package org.jheartbeat.cli.compare;

import java.io.IOException;
import java.util.Optional;

/**
 * One high-availability daemon under comparison, driven the way its administrators drive it.
 * The lab's d1 is the VIP's home (heartbeat: the haresources node; VRRP: the higher priority with
 * preemption), so after every fault d1 is restarted and takes the VIP back.
 */
interface Contender {

    /** Column title. */
    String name();

    /** Why this daemon cannot run with {@code timers} (printed in its cells), or empty. */
    Optional<String> impossible(Timers timers);

    /** Writes both directors' configuration for {@code timers}. */
    void configure(CompareLab lab, Timers timers) throws Exception;

    /** Starts the daemon on {@code d} (returns once it is launched, not once it is ready). */
    void start(Director d) throws Exception;

    /** True when the daemon on {@code d} reports no hand-off in progress (as far as it tells). */
    boolean settled(Director d) throws Exception;

    /**
     * Asks the daemon on {@code active} to hand the VIP to its peer the graceful way; returns the
     * moment it was asked.
     */
    long handOver(Director active) throws Exception;

    /** Brings the VIP back to d1 after {@link #handOver} gave it to d2. */
    void handBack(CompareLab lab) throws Exception;

    /** What {@link #handOver} does, for the table's footnotes. */
    String handOverMeaning();

    /** The daemon's log on {@code d}, for a failure message. */
    String log(Director d) throws IOException;
}
