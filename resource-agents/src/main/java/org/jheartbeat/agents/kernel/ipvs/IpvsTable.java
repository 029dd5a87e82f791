package org.jheartbeat.agents.kernel.ipvs;

import java.util.List;
import java.util.Objects;

/** Everything {@code ipvsadm -L} shows: the version line and every service with its real servers. */
public record IpvsTable(IpvsInfo info, List<Row> rows) {

    public IpvsTable {
        Objects.requireNonNull(info, "info");
        rows = List.copyOf(rows);
    }

    /** One virtual service and its real servers, in the kernel's order. */
    public record Row(IpvsServiceEntry service, List<IpvsDestinationEntry> destinations) {
        public Row {
            Objects.requireNonNull(service, "service");
            destinations = List.copyOf(destinations);
        }
    }
}
