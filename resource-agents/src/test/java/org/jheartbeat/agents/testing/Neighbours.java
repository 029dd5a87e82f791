package org.jheartbeat.agents.testing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A namespace's neighbour (ARP) table, read with {@code ip neigh}. */
public final class Neighbours {

    private static final Pattern LLADDR = Pattern.compile("lladdr ([0-9a-f:]{17})");

    private Neighbours() {
    }

    /** The MAC the namespace currently has for {@code ip} on {@code ifname}, if any. */
    public static Optional<String> macOf(Namespace namespace, String ip, String ifname) throws Exception {
        Matcher m = LLADDR.matcher(namespace.ip("neigh", "show", ip, "dev", ifname));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
