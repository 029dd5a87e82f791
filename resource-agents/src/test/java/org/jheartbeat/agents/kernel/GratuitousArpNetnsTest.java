package org.jheartbeat.agents.kernel;

import org.jheartbeat.agents.testing.ArpCapture;
import org.jheartbeat.agents.testing.DirectorLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The burst itself: it can be stopped midway, and a down interface is reported. */
@Tag("netns")
class GratuitousArpNetnsTest {

    private DirectorLab lab;

    @BeforeEach
    void setUp() throws Exception {
        lab = DirectorLab.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    private Link eth0() throws Exception {
        return lab.director().call(() -> {
            try (RtNetlink rt = RtNetlink.open()) {
                return rt.link("eth0").orElseThrow();
            }
        });
    }

    @Test
    void stopEndsABurstEarlyAndNothingFollows() throws Exception {
        Inet4Address ip = (Inet4Address) InetAddress.getByName("10.88.0.100");
        Link eth0 = eth0();
        try (ArpCapture capture = ArpCapture.start(lab.client(), "eth0")) {
            GratuitousArp burst = lab.director().call(() -> GratuitousArp.start(eth0, ip, null, 100, Duration.ofMillis(100)));
            await().atMost(Duration.ofSeconds(5)).until(() -> capture.from(ip).size() >= 3);
            burst.stop();
            assertTrue(burst.isFinished());
            int sent = burst.framesSent();
            assertTrue(sent < 200, "stopped early after " + sent + " frames");
            await().atMost(Duration.ofSeconds(2)).until(() -> capture.from(ip).size() == sent);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> capture.from(ip).size() == sent);
        }
    }

    @Test
    void sendingOnADownInterfaceEndsTheBurstWithEnetdown() throws Exception {
        Inet4Address ip = (Inet4Address) InetAddress.getByName("10.88.0.100");
        lab.director().ip("link", "set", "eth0", "down");
        Link eth0 = eth0();
        GratuitousArp burst = lab.director().call(() -> GratuitousArp.start(eth0, ip, null, 2, Duration.ofMillis(10)));
        await().atMost(Duration.ofSeconds(5)).until(burst::isFinished);
        ErrnoException failure = (ErrnoException) burst.failure();
        assertEquals("ENETDOWN", failure.errnoName());
        assertEquals(0, burst.framesSent());
    }

    @Test
    void loopbackIsNotAnEthernetInterfaceAndCannotAnnounce() throws Exception {
        Link lo = lab.director().call(() -> {
            try (RtNetlink rt = RtNetlink.open()) {
                return rt.link("lo").orElseThrow();
            }
        });
        Inet4Address ip = (Inet4Address) InetAddress.getByName("10.88.0.100");
        assertFalse(GratuitousArp.canAnnounce(lo));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GratuitousArp.start(lo, ip, null, 1, Duration.ofMillis(10)));
        assertTrue(e.getMessage().startsWith("Cannot find mac address for lo"), e.getMessage());
        assertTrue(GratuitousArp.canAnnounce(eth0()));
    }
}
