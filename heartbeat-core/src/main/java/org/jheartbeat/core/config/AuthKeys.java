package org.jheartbeat.core.config;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The keys of authkeys and the one that signs outgoing messages (named by {@code auth N}).
 * Incoming messages are accepted when signed with any key listed here.
 *
 * @param activeKeyNumber the key that signs outgoing messages, or {@link #NO_ACTIVE_KEY} in the
 *                        best-effort model of a file whose {@code auth} line is missing or names
 *                        no key (always an error)
 * @param keys            by number, in ascending order
 */
public record AuthKeys(int activeKeyNumber, Map<Integer, AuthKey> keys) {

    public static final int NO_ACTIVE_KEY = -1;

    public AuthKeys {
        keys = Collections.unmodifiableSortedMap(new TreeMap<>(keys));
        if (activeKeyNumber != NO_ACTIVE_KEY && !keys.containsKey(activeKeyNumber)) {
            throw new IllegalArgumentException("the active key " + activeKeyNumber + " is not among the keys");
        }
    }

    public boolean hasActiveKey() {
        return activeKeyNumber != NO_ACTIVE_KEY;
    }

    /** The key that signs outgoing messages. */
    public AuthKey activeKey() {
        if (!hasActiveKey()) {
            throw new IllegalStateException("authkeys has no usable 'auth N' line");
        }
        return keys.get(activeKeyNumber);
    }
}
