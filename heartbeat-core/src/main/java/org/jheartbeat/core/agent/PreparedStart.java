package org.jheartbeat.core.agent;

/**
 * A resource's start, got ready ahead of a takeover that may come: what the start would find
 * and send is worked out and its sockets are open, but nothing on the system has changed yet.
 * The manager prepares one while the peer is late and fires it from the thread that declares
 * the peer dead, so clients wait for no thread hand-off, table read or socket opening.
 *
 * <p>The manager calls {@link #fire} at most once, from any thread; after a fire that succeeded,
 * {@link #finish} on the group's thread in place of the start; and {@link #close} in every case.
 */
public interface PreparedStart extends AutoCloseable {

    /**
     * Makes the change clients wait for (for an address: add it, send the first gratuitous ARP).
     * It neither logs nor waits for anything but the kernel. False when it changed nothing (the
     * system is no longer as it was prepared for, e.g. the address has appeared meanwhile); the
     * group's start then runs the ordinary start, which finds out what to do itself.
     */
    boolean fire();

    /** The rest of the start after a fire that succeeded (log lines, the rest of the ARP burst). */
    ActionResult finish();

    /** Releases what the preparation holds; a fired start stays started. */
    @Override
    void close();
}
