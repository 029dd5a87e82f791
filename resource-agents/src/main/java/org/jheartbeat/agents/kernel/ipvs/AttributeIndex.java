package org.jheartbeat.agents.kernel.ipvs;

import java.util.Optional;
import org.jheartbeat.agents.kernel.MalformedNetlinkException;
import org.jheartbeat.agents.kernel.NetlinkAttribute;
import org.jheartbeat.agents.kernel.NetlinkAttributes;

/**
 * The attributes of one IPVS nest by type, for constant-time lookups: a full-table dump reads
 * about fifteen attributes from each of thousands of nests.
 */
final class AttributeIndex {

    /** IPVS attribute types are small (at most 15); anything larger is ignored. */
    private static final int MAX_TYPE = 31;

    private final NetlinkAttribute[] byType = new NetlinkAttribute[MAX_TYPE + 1];

    private AttributeIndex(NetlinkAttributes attributes) {
        for (NetlinkAttribute a : attributes.all()) {
            if (a.type() <= MAX_TYPE && byType[a.type()] == null) {
                byType[a.type()] = a;
            }
        }
    }

    static AttributeIndex of(NetlinkAttributes attributes) {
        return new AttributeIndex(attributes);
    }

    Optional<NetlinkAttribute> first(int type) {
        return Optional.ofNullable(byType[type]);
    }

    boolean has(int type) {
        return byType[type] != null;
    }

    NetlinkAttribute need(int type, String what) {
        NetlinkAttribute a = byType[type];
        if (a == null) {
            throw new MalformedNetlinkException("IPVS reply without " + what + " (attribute " + type + ")");
        }
        return a;
    }

    /** The nest of this type, indexed. */
    AttributeIndex nest(int type, String what) {
        return of(need(type, what).nested());
    }
}
