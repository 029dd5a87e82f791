package org.jheartbeat.core.config;

/**
 * One heartbeat medium from ha.cf: a path on which the nodes exchange status packets. Each
 * medium is also a link, named after its interface, in the node/link status table.
 */
public sealed interface Medium permits BcastMedium, McastMedium, UcastMedium {

    /** The interface the medium uses; also the link name ({@code Link node:eth0 up}). */
    String interfaceName();

    /** The ha.cf line the medium was declared on. */
    int line();

    /** {@code bcast}, {@code mcast} or {@code ucast}: the ha.cf directive. */
    String type();
}
