package org.jheartbeat.agents.kernel.ipvs;

/** The column sets of {@code ipvsadm -L -n}, selected by its options. */
public enum ListingStyle {
    /** Forward, Weight, ActiveConn, InActConn (no option). */
    DEFAULT,
    /** {@code --stats}: connection, packet and byte counters. */
    STATS,
    /** {@code --rate}: the estimator's per-second rates. */
    RATE,
    /** {@code --thresholds}. */
    THRESHOLDS,
    /** {@code --persistent-conn}. */
    PERSISTENT_CONN,
    /** {@code --tun-info}. */
    TUN_INFO
}
