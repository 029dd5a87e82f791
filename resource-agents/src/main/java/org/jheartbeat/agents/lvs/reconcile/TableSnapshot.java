package org.jheartbeat.agents.lvs.reconcile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jheartbeat.agents.kernel.ipvs.IpvsDestination;
import org.jheartbeat.agents.kernel.ipvs.IpvsDestinationEntry;
import org.jheartbeat.agents.kernel.ipvs.IpvsService;
import org.jheartbeat.agents.kernel.ipvs.IpvsTable;
import org.jheartbeat.agents.kernel.ipvs.ServiceKey;

/**
 * The kernel's IPVS table as the reconciler sees it: services with their configuration and
 * real servers (no counters). Immutable; {@link #after} gives the table a change would leave.
 */
public record TableSnapshot(Map<ServiceKey, Service> services) {

    public record Service(IpvsService service, Map<DestinationKey, IpvsDestination> destinations) {
        public Service {
            destinations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(destinations));
        }
    }

    public TableSnapshot {
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    public static final TableSnapshot EMPTY = new TableSnapshot(Map.of());

    public static TableSnapshot of(IpvsTable table) {
        Map<ServiceKey, Service> services = new LinkedHashMap<>();
        for (IpvsTable.Row row : table.rows()) {
            Map<DestinationKey, IpvsDestination> dests = new LinkedHashMap<>();
            for (IpvsDestinationEntry e : row.destinations()) {
                dests.put(DestinationKey.of(e.destination()), e.destination());
            }
            services.put(row.service().service().key(), new Service(row.service().service(), dests));
        }
        return new TableSnapshot(services);
    }

    public Optional<Service> service(ServiceKey key) {
        return Optional.ofNullable(services.get(key));
    }

    public Optional<IpvsDestination> destination(ServiceKey key, DestinationKey dest) {
        return service(key).map(s -> s.destinations().get(dest));
    }

    /** The table once {@code change} has been applied by the kernel. */
    public TableSnapshot after(IpvsChange change) {
        Map<ServiceKey, Service> next = new LinkedHashMap<>(services);
        switch (change) {
            case IpvsChange.AddService a -> next.put(a.service().key(), new Service(a.service(), Map.of()));
            case IpvsChange.EditService e -> next.computeIfPresent(e.service().key(),
                    (k, s) -> new Service(e.service(), s.destinations()));
            case IpvsChange.DeleteService d -> next.remove(d.key());
            case IpvsChange.AddDestination a -> put(next, a.key(), a.destination());
            case IpvsChange.EditDestination e -> put(next, e.key(), e.destination());
            case IpvsChange.DeleteDestination d -> next.computeIfPresent(d.key(), (k, s) -> {
                Map<DestinationKey, IpvsDestination> dests = new LinkedHashMap<>(s.destinations());
                dests.remove(d.destination());
                return new Service(s.service(), dests);
            });
        }
        return new TableSnapshot(next);
    }

    private static void put(Map<ServiceKey, Service> services, ServiceKey key, IpvsDestination d) {
        services.computeIfPresent(key, (k, s) -> {
            Map<DestinationKey, IpvsDestination> dests = new LinkedHashMap<>(s.destinations());
            dests.put(DestinationKey.of(d), d);
            return new Service(s.service(), dests);
        });
    }
}
