package org.jheartbeat.core.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

/** A receive timestamp on the wall clock becomes an arrival on the monotonic one. */
class ArrivalTimeTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theStampsAgeIsTakenOffTheMonotonicClock() {
        // stamped at 100.000200 s on the wall clock, read when it showed 100.000350 s
        assertEquals(5_000 - 150_000, ArrivalTime.fromStamp(100, 200_000, 4_000, 100, 350_000, 5_000));
        // across a second boundary
        assertEquals(SECOND - 300_000, ArrivalTime.fromStamp(99, 999_900_000, 0, 100, 200_000, SECOND));
    }

    @Test
    void aWallClockGoneBackGivesTheTimeOfReading() {
        assertEquals(4_000, ArrivalTime.fromStamp(100, 200_000, 4_000, 99, 0, 5_000));
    }

    @Test
    void anAgeBeyondTheBoundIsCreditedOnlyUpToIt() {
        // the wall clock stepped an hour forward while the packet waited
        long monotonicNow = 10 * SECOND;
        assertEquals(monotonicNow - ArrivalTime.MAX_AGE_NANOS,
                ArrivalTime.fromStamp(100, 0, monotonicNow - 1_000, 3700, 0, monotonicNow));
    }

    @Test
    void aDatagramsArrivalIsWhenTheKernelGotIt() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(loopback, 0));
             DatagramSocket sender = new DatagramSocket()) {
            DatagramArrival arrival = DatagramArrival.of(receiver);
            long beforeSend = System.nanoTime();
            sender.send(new DatagramPacket(new byte[8], 8, receiver.getLocalSocketAddress()));
            long afterSend = System.nanoTime();
            receiver.receive(new DatagramPacket(new byte[64], 64));
            // a read time no clock can give: getting it back means the kernel's stamp was out of reach
            long notARealReadTime = Long.MIN_VALUE;
            long arrived = arrival.arrivedNanos(notARealReadTime);
            long slack = 200_000L; // the two clocks are read a moment apart
            assertTrue(arrived != notARealReadTime, "no receive timestamp from the kernel");
            assertTrue(arrived >= beforeSend - slack && arrived <= afterSend + slack,
                    "arrived " + (arrived - beforeSend) + " ns after the send began, which took "
                            + (afterSend - beforeSend) + " ns");
        }
    }
}
