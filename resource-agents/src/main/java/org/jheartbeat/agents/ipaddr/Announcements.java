package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.agents.kernel.ErrnoException;
import org.jheartbeat.agents.kernel.GratuitousArp;
import org.jheartbeat.agents.kernel.Link;
import org.jheartbeat.agents.kernel.MacAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gratuitous-ARP bursts running for each address, so a new burst replaces an old one and
 * stop ends it: what send_arp's pid file is to the shell agents.
 */
final class Announcements {

    private static final Logger LOG = LoggerFactory.getLogger(Announcements.class);
    private static final Map<Inet4Address, GratuitousArp> RUNNING = new ConcurrentHashMap<>();

    private Announcements() {
    }

    /**
     * Starts announcing {@code ip} on {@code link}; waits for the burst when not in the background.
     * The packet socket is opened on the calling thread (its network namespace).
     */
    static void announce(Link link, Inet4Address ip, Optional<MacAddress> mac, int count, Duration interval,
                                  boolean background) throws ErrnoException, InterruptedException {
        stop(ip);
        follow(link, ip, GratuitousArp.start(link, ip, mac.orElse(null), count, interval), count, interval,
                background);
    }

    /**
     * Takes over a burst that is already sending ({@link GratuitousArp#sendTheRest} was called):
     * a later burst or stop for {@code ip} ends it; waits for it when not in the background.
     */
    static void follow(Link link, Inet4Address ip, GratuitousArp burst, int count, Duration interval,
                       boolean background) throws InterruptedException {
        RUNNING.put(ip, burst);
        LOG.info("sending {} gratuitous ARP pairs for {} on {} every {} ms{}", count, ip.getHostAddress(), link.name(),
                interval.toMillis(), background ? " in the background" : "");
        if (!background) {
            try {
                burst.await(interval.multipliedBy(count + 1L));
            } catch (InterruptedException e) {
                // The action timed out or was cancelled: the burst goes with it.
                burst.stop();
                throw e;
            } finally {
                RUNNING.remove(ip, burst);
            }
        }
    }

    /** Ends a running burst for {@code ip}, if there is one. */
    static void stop(Inet4Address ip) {
        GratuitousArp burst = RUNNING.remove(ip);
        if (burst == null) {
            return;
        }
        boolean wasRunning = !burst.isFinished();
        burst.stop();
        if (wasRunning) {
            LOG.info("killed previously running send_arp for {}", ip.getHostAddress());
        }
    }

    /** Whether a burst for {@code ip} is still sending. */
    static boolean running(Inet4Address ip) {
        GratuitousArp burst = RUNNING.get(ip);
        return burst != null && !burst.isFinished();
    }
}
