package org.jheartbeat.core.membership;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** Heartbeat has a CRIT level SLF4J lacks: such lines are logged at error with this marker. */
public final class LogMarkers {

    public static final Marker CRIT = MarkerFactory.getMarker("CRIT");

    private LogMarkers() {
    }
}
