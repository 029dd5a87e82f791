package org.jheartbeat.core.agent;

import java.util.Set;

/**
 * The names of the agents jheartbeat implements in Java. A haresources resource with one of
 * these names never needs a script; configuration checks use this list so that they give the
 * same answer whether or not the agents' module is on the class path.
 */
public final class BuiltInAgents {

    public static final Set<String> NAMES =
            Set.of("IPaddr", "IPaddr2", "SendArp", "ldirectord", "LVSSyncDaemonSwap");

    private BuiltInAgents() {
    }
}
