package org.jheartbeat.agents.lvs.reconcile;

import org.jheartbeat.agents.kernel.ipvs.IpvsDestination;
import org.jheartbeat.agents.kernel.ipvs.IpvsService;
import org.jheartbeat.agents.kernel.ipvs.ServiceKey;

/**
 * One request to the kernel's IPVS table, with the line ldirectord logs once it succeeded.
 * {@link #ipvsadm()} gives the equivalent ipvsadm arguments, the form the spec describes each
 * change in.
 */
public sealed interface IpvsChange extends Step {

    String log();

    record AddService(IpvsService service, String log) implements IpvsChange {
    }

    record EditService(IpvsService service, String log) implements IpvsChange {
    }

    record DeleteService(ServiceKey key, String log) implements IpvsChange {
    }

    record AddDestination(ServiceKey key, IpvsDestination destination, String log) implements IpvsChange {
    }

    record EditDestination(ServiceKey key, IpvsDestination destination, String log) implements IpvsChange {
    }

    record DeleteDestination(ServiceKey key, DestinationKey destination, String log) implements IpvsChange {
    }

    /** {@code -a -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1 -x 0 -y 0} and so on. */
    default String ipvsadm() {
        return IpvsadmText.of(this);
    }
}
