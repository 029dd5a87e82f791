package org.jheartbeat.core.membership;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * What the log layouts read besides level and text: Heartbeat has a CRIT level SLF4J lacks (such
 * lines are logged at error with {@link #CRIT}), and ipfail's lines carry their own program tag.
 */
public final class LogMarkers {

    public static final Marker CRIT = MarkerFactory.getMarker("CRIT");

    /** The logger of the built-in ipfail; its lines are tagged {@code ipfail:} instead of {@code heartbeat:}. */
    public static final String IPFAIL_LOGGER = "ipfail";

    private LogMarkers() {
    }
}
