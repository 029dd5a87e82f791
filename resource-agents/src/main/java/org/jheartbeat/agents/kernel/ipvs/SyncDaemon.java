package org.jheartbeat.agents.kernel.ipvs;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection-synchronisation daemon: the master multicasts the director's connection table,
 * the backup learns it. In a start request, zero values (and an empty group) ask for the kernel's
 * defaults (maximum message length from the MTU, group 224.0.0.81, port 8848, TTL 1); the
 * kernel's daemon listing reports the values in effect.
 *
 * @param syncId 0..255; 0 = accept any
 */
public record SyncDaemon(State state, String interfaceName, int syncId, int maxMessageLength,
                         Optional<InetAddress> group, int port, int ttl) {

    /** Interface names are at most 15 characters (IFNAMSIZ with the NUL). */
    public static final int MAX_INTERFACE_NAME = 15;

    public SyncDaemon {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(group, "group");
        if (interfaceName.isEmpty() || interfaceName.length() > MAX_INTERFACE_NAME) {
            throw new IllegalArgumentException("interface name '" + interfaceName
                    + "' must have 1.." + MAX_INTERFACE_NAME + " characters");
        }
        if (syncId < 0 || syncId > 255) {
            throw new IllegalArgumentException("sync id " + syncId + " is outside 0..255");
        }
        if (maxMessageLength < 0 || maxMessageLength > 65535 || ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("message length or TTL out of range");
        }
        Ports.check(port);
    }

    /** Like {@code ipvsadm --start-daemon STATE --mcast-interface IF --syncid ID}. */
    public static SyncDaemon of(State state, String interfaceName, int syncId) {
        return new SyncDaemon(state, interfaceName, syncId, 0, Optional.empty(), 0, 0);
    }

    /** IP_VS_STATE_*: master and backup are independent; both may run at once. */
    public enum State {
        MASTER(1, "master"),
        BACKUP(2, "backup");

        private final int bit;
        private final String text;

        State(int bit, String text) {
            this.bit = bit;
            this.text = text;
        }

        public int bit() {
            return bit;
        }

        /** {@code master} / {@code backup}, as ipvsadm and LVSSyncDaemonSwap spell it. */
        public String text() {
            return text;
        }

        public State other() {
            return this == MASTER ? BACKUP : MASTER;
        }

        public static State ofBit(int bit) {
            for (State s : values()) {
                if (s.bit == bit) {
                    return s;
                }
            }
            throw new IllegalArgumentException("sync daemon state " + bit + " is neither master (1) nor backup (2)");
        }
    }
}
