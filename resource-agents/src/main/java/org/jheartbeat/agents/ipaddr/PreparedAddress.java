package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.agents.kernel.ErrnoException;
import org.jheartbeat.agents.kernel.GratuitousArp;
import org.jheartbeat.agents.kernel.InterfaceAddress;
import org.jheartbeat.agents.kernel.RtNetlink;
import org.jheartbeat.core.agent.ActionResult;
import org.jheartbeat.core.agent.OcfResult;
import org.jheartbeat.core.agent.PreparedStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * IPaddr2's start made ready ahead of a takeover ({@link IPaddr2#prepareStart}): the address
 * to add is worked out and the rtnetlink and packet sockets are open in the address's
 * namespace, so firing is two system calls: NEWADDR, then the burst's first ARP request.
 */
final class PreparedAddress implements PreparedStart {

    private static final Logger LOG = LoggerFactory.getLogger(PreparedAddress.class);

    private final RtNetlink rt;
    private final ResolvedAddress address;
    private final InterfaceAddress kernelAddress;
    private final AddressSettings settings;
    private final GratuitousArp burst;
    private final String description;
    private volatile boolean fired;
    private volatile Exception fireFailure;
    private volatile boolean burstHandedOn;

    /** Takes ownership of {@code rt} and {@code burst} (a prepared, unsent burst). */
    PreparedAddress(RtNetlink rt, ResolvedAddress address, InterfaceAddress kernelAddress, AddressSettings settings,
                    GratuitousArp burst, String description) {
        this.rt = rt;
        this.address = address;
        this.kernelAddress = kernelAddress;
        this.settings = settings;
        this.burst = burst;
        this.description = description;
    }

    /**
     * The request carries CREATE|EXCL, so an address that appeared since the preparation makes
     * the kernel refuse (EEXIST) and nothing is announced: the ordinary start then finds it.
     */
    @Override
    public boolean fire() {
        try {
            rt.addAddress(kernelAddress);
        } catch (IOException e) {
            fireFailure = e;
            return false;
        }
        burst.sendFirstRequest(); // a failure ends the burst, which reports it once it runs
        fired = true;
        return true;
    }

    @Override
    public ActionResult finish() {
        if (!fired) {
            return ActionResult.of(OcfResult.ERR_GENERIC, "prepared start of " + description + " was not fired"
                    + (fireFailure == null ? "" : ": " + fireFailure.getMessage()));
        }
        LOG.info("Added inet address {} at the takeover, as prepared ahead of it", description);
        try {
            AddressTable table = new AddressTable(rt);
            table.bringUp(table.link(address.link().index()));
            Announcements.stop(settings.ip());
            burst.sendTheRest();
            burstHandedOn = true;
            Announcements.follow(address.link(), settings.ip(), burst, settings.arpCount(), settings.arpInterval(),
                    settings.arpBackground());
            return ActionResult.success();
        } catch (AgentFailure e) {
            return e.toResult();
        } catch (IOException e) {
            return ActionResult.of(OcfResult.ERR_GENERIC, "start failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionResult.of(OcfResult.ERR_GENERIC, "start interrupted");
        }
    }

    @Override
    public void close() {
        if (!burstHandedOn) {
            burst.stop(); // releases its socket; a burst already sending belongs to Announcements
        }
        try {
            rt.close();
        } catch (ErrnoException e) {
            LOG.debug("closing the prepared rtnetlink socket for {}: {}", description, e.getMessage());
        }
    }
}
