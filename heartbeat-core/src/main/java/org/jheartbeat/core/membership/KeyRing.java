package org.jheartbeat.core.membership;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jheartbeat.core.config.AuthKeys;

/**
 * The keys of authkeys as signers: packets are signed with the active key and accepted when
 * they verify with whichever listed key they name, so keys can be rotated without downtime.
 */
public record KeyRing(int activeNumber, Map<Integer, MessageMac> keys) {

    public KeyRing {
        keys = Map.copyOf(keys);
        if (!keys.containsKey(activeNumber)) {
            throw new IllegalArgumentException("active key " + activeNumber + " is not among the keys " + keys.keySet());
        }
    }

    public static KeyRing of(AuthKeys authKeys) {
        Map<Integer, MessageMac> macs = new HashMap<>();
        authKeys.keys().forEach((number, key) -> macs.put(number, MessageMac.of(key)));
        return new KeyRing(authKeys.activeKeyNumber(), macs);
    }

    public MessageMac active() {
        return keys.get(activeNumber);
    }

    public Optional<MessageMac> key(int number) {
        return Optional.ofNullable(keys.get(number));
    }
}
