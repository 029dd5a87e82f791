package org.jheartbeat.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What has been read from ha.cf so far. Heartbeat applies each directive as it reads it and
 * several settings depend on order (udpport, baud, nice_failback, pacemaker), so the directive
 * handlers share this mutable state; {@link HaCfChecks} turns it into the immutable {@link HaCf}.
 */
final class HaCfState {

    /** Heartbeat's MAXNODE: normal and ping nodes together. */
    static final int MAX_NODES = 100;
    /** Heartbeat's MAXMEDIA: every medium, ping nodes included. */
    static final int MAX_MEDIA = 64;
    /** Unset time values, as Heartbeat marks them. */
    static final long UNSET = -1;

    final HaCfReporter report;
    final HostDatabase host;

    final Set<String> nodes = new LinkedHashSet<>();
    final List<Medium> media = new ArrayList<>();
    final List<PingTarget> pingTargets = new ArrayList<>();
    int mediaCount;

    /** The udpport value currently recorded, and where. */
    Integer udpPort;
    int udpPortLine;
    /** The port bcast and ucast each read once, at their first medium (0 = not read yet). */
    int bcastPort;
    int firstBcastLine;
    int ucastPort;
    int firstUcastLine;

    long keepalive = 1000;
    long deadtime = 30000;
    long warntime = UNSET;
    long initdead = UNSET;
    long deadping = UNSET;
    int keepaliveLine;
    int deadtimeLine;
    int initdeadLine;
    int deadpingLine;

    AutoFailback autoFailback;
    int autoFailbackLine;
    /** Heartbeat's nice_failback flag: set by auto_failback on/off, cleared by legacy. */
    boolean niceFailback;

    boolean pacemakerSeen;
    String pacemaker;
    int pacemakerLine;

    Autojoin autojoin = Autojoin.NONE;
    int autojoinLine;

    boolean watchdogSeen;
    boolean baudSeen;

    final List<RespawnClient> respawnClients = new ArrayList<>();
    final Map<String, ApiAuth> apiAuth = new LinkedHashMap<>();

    String logfile;
    String debugfile;
    String facility;
    int facilityLine;
    Boolean useLogd;
    int useLogdLine;
    int debugLevel;

    final Map<String, String> parameters = new LinkedHashMap<>();

    HaCfState(HaCfReporter report, HostDatabase host) {
        this.report = report;
        this.host = host;
    }

    /** Adds a medium unless the limit is reached; false (after an error) when it is. */
    boolean addMedium(Medium medium, String directive, String value, int line) {
        if (!roomForMedium(directive, value, line)) {
            return false;
        }
        media.add(medium);
        return true;
    }

    boolean roomForMedium(String directive, String value, int line) {
        if (mediaCount >= MAX_MEDIA) {
            report.error(line, "Too many media specified (> " + MAX_MEDIA + "); offending command: "
                    + directive + " " + HaCfReporter.shown(value));
            return false;
        }
        mediaCount++;
        return true;
    }

    /** Whether one more node (normal or ping) fits; reports an error when not. */
    boolean roomForNode(String name, int line) {
        if (nodes.size() + pingTargets.size() >= MAX_NODES) {
            report.error(line, "Too many nodes: cannot add [" + HaCfReporter.shown(name) + "]; at most "
                    + MAX_NODES + " nodes, ping nodes included, are allowed");
            return false;
        }
        return true;
    }

    boolean isPingNodeName(String name) {
        return pingTargets.stream().anyMatch(t -> t.name().equals(name));
    }
}
