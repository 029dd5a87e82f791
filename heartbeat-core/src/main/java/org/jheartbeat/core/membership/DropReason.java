package org.jheartbeat.core.membership;

import java.util.Locale;

/** Why an incoming packet was thrown away by {@link HmacAuthProtocol}. */
public enum DropReason {
    /** No authentication header, or one that cannot be read. */
    MALFORMED,
    /** Signed with a key number this node's authkeys does not list. */
    UNKNOWN_KEY,
    /** The signature does not match the packet. */
    BAD_SIGNATURE,
    /** An old incarnation, a counter already seen, or one too far behind the newest. */
    REPLAY,
    /** Correctly signed, but by a node that is not a {@code node} of ha.cf. */
    NOT_A_MEMBER;

    /** The name used in status dumps: lower case with dashes. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
