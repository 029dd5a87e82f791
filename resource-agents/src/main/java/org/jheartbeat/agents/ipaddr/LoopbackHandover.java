package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.agents.kernel.ErrnoException;
import org.jheartbeat.agents.kernel.InterfaceAddress;
import org.jheartbeat.agents.kernel.Link;
import org.jheartbeat.agents.kernel.Prefixes;
import org.jheartbeat.agents.kernel.RtNetlink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * lvs_support: a director that is also a real server keeps the VIP on {@code lo} while it is
 * backup. Start takes the VIP off {@code lo} (remembering that it did), stop puts it back as
 * {@code VIP/32 brd 255.255.255.255} on {@code lo} (the original label and broadcast are not
 * restored, exactly like IPaddr2).
 */
final class LoopbackHandover {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackHandover.class);

    private final LoopbackStash stash;

    LoopbackHandover(Path stateDirectory) {
        this.stash = new LoopbackStash(stateDirectory);
    }

    /** Removes {@code ip/32} from every {@code lo*} interface that has it. */
    void takeOff(AddressTable table, Inet4Address ip) throws AgentFailure, IOException {
        takeOff(table, ip, table.onLoopback(ip));
    }

    /** Removes {@code ip/32} from these loopback addresses ({@link AddressTable#onLoopback} found them). */
    void takeOff(AddressTable table, Inet4Address ip, List<InterfaceAddress> onLoopback)
            throws AgentFailure, IOException {
        for (InterfaceAddress onLo : onLoopback) {
            Link lo = table.link(onLo.ifindex());
            LOG.info("Removing conflicting loopback {}.", lo.name());
            stash.remember(ip);
            try {
                table.rt().deleteAddress(onLo);
            } catch (ErrnoException e) {
                throw AddressAgent.failure("Failed to remove " + ip.getHostAddress() + " from " + lo.name(), e);
            }
            try {
                table.rt().deleteHostRoute(RtNetlink.RT_TABLE_MAIN, ip, lo.index());
            } catch (ErrnoException e) {
                LOG.debug("no route for {} on {} to delete: {}", ip.getHostAddress(), lo.name(), e.getMessage());
            }
        }
    }

    /**
     * Whether {@link #takeOff} took {@code ip} from {@code lo}, so a stop must put it back. A stop
     * asks before it removes the address: from then until the peer hears the address is gone,
     * clients have no service, and this reads a file (measured: 0.1 to 0.15 ms the first time).
     */
    boolean tookOff(Inet4Address ip) throws IOException {
        return stash.remembers(ip);
    }

    /** Puts {@code ip/32} back on {@code lo}, where {@link #takeOff} took it from ({@link #tookOff}). */
    void putBack(AddressTable table, Inet4Address ip) throws AgentFailure, IOException, InterruptedException {
        Link lo = table.requireLink("lo");
        LOG.info("Restoring loopback IP Address  {} 32 255.255.255.255 lo.", ip.getHostAddress());
        ResolvedAddress onLo = new ResolvedAddress(lo, ip, 32, Optional.of(Prefixes.ipv4(-1)), "");
        try {
            table.rt().addAddress(onLo.toKernel(0));
        } catch (ErrnoException e) {
            throw AddressAgent.failure("Failed to restore " + ip.getHostAddress() + " on lo", e);
        }
        table.bringUp(lo);
        stash.forget(ip);
    }
}
