package org.jheartbeat.cli.compare;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

import org.jheartbeat.agents.kernel.NetworkNamespace;
import org.jheartbeat.core.membership.DatagramArrival;

/**
 * The client's view of the service: sends a UDP probe to the VIP every interval and records, for
 * every answer, which director gave it and when it arrived ({@link System#nanoTime()}'s scale).
 * Every contender is measured with this same poller.
 */
final class VipPoller implements AutoCloseable {

    private final DatagramChannel channel;
    private final InetSocketAddress vip;
    private final long intervalNanos;
    private final List<String> directors;
    private final Thread sender;
    private final Thread receiver;
    private volatile boolean running = true;

    /** Answer times and who answered (index into {@link #directors}), in arrival order. */
    private long[] times = new long[1 << 16];
    private byte[] who = new byte[1 << 16];
    private int count;
    private volatile long sent;
    private volatile long sendErrors;

    private VipPoller(DatagramChannel channel, InetSocketAddress vip, long intervalNanos, List<String> directors) {
        this.channel = channel;
        this.vip = vip;
        this.intervalNanos = intervalNanos;
        this.directors = List.copyOf(directors);
        this.receiver = Thread.ofPlatform().name("poller-receive").daemon().start(this::receive);
        this.sender = Thread.ofPlatform().name("poller-send").daemon().start(this::send);
    }

    /** Starts polling {@code vip} from inside {@code client}; answers name one of {@code directors}. */
    static VipPoller start(NetworkNamespace client, InetSocketAddress vip, long intervalMicros, List<String> directors)
            throws Exception {
        DatagramChannel channel = client.call(() -> DatagramChannel.open().bind(new InetSocketAddress(0)));
        return new VipPoller(channel, vip, intervalMicros * 1000, directors);
    }

    private void send() {
        ClientPriority.raiseCurrentThread();
        ByteBuffer probe = ByteBuffer.allocate(8);
        long next = System.nanoTime();
        while (running) {
            probe.clear();
            probe.putLong(0, sent).limit(8);
            try {
                channel.send(probe, vip);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                sendErrors++; // no neighbour for the VIP yet: the next probe tries again
            }
            sent++;
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime(); // fell behind (a loaded machine): do not burst to catch up
            }
        }
    }

    private void receive() {
        ByteBuffer in = ByteBuffer.allocate(64);
        // the client's kernel times the answers: this thread shares two processors with both
        // directors, whose work during a takeover would otherwise delay when it reads them
        DatagramArrival arrival = DatagramArrival.of(channel);
        try {
            while (running) {
                in.clear();
                channel.receive(in);
                long now = arrival.arrivedNanos(System.nanoTime());
                in.flip();
                int index = directors.indexOf(StandardCharsets.US_ASCII.decode(in).toString());
                if (index >= 0) {
                    record(now, (byte) index);
                }
            }
        } catch (ClosedChannelException e) {
            // closed by close(): done
        } catch (IOException e) {
            System.err.println("poller stopped receiving: " + e);
        }
    }

    private synchronized void record(long nanos, byte director) {
        if (count == times.length) {
            times = Arrays.copyOf(times, count * 2);
            who = Arrays.copyOf(who, count * 2);
        }
        times[count] = nanos;
        who[count] = director;
        count++;
    }

    /** When {@code director} first answered at or after {@code since}, if it has. */
    synchronized OptionalLong firstAnswer(String director, long since) {
        int index = directors.indexOf(director);
        for (int i = firstAtOrAfter(since); i < count; i++) {
            if (who[i] == index) {
                return OptionalLong.of(times[i]);
            }
        }
        return OptionalLong.empty();
    }

    /** When {@code director} last answered before {@code until}, if it did. */
    synchronized OptionalLong lastAnswerBefore(String director, long until) {
        int index = directors.indexOf(director);
        for (int i = firstAtOrAfter(until) - 1; i >= 0; i--) {
            if (who[i] == index) {
                return OptionalLong.of(times[i]);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * True when answers kept coming, all from {@code director}, since {@code since}: no gap
     * longer than {@code maxGapNanos} and none from anyone else.
     */
    synchronized boolean steadilyAnswering(String director, long since, long maxGapNanos) {
        int index = directors.indexOf(director);
        long previous = since;
        for (int i = firstAtOrAfter(since); i < count; i++) {
            if (who[i] != index || times[i] - previous > maxGapNanos) {
                return false;
            }
            previous = times[i];
        }
        return System.nanoTime() - previous <= maxGapNanos;
    }

    private int firstAtOrAfter(long nanos) {
        int low = 0;
        int high = count;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] < nanos) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Probes sent, answers received, sends the kernel refused: for the run's footer. */
    synchronized String summary() {
        return sent + " probes, " + count + " answers, " + sendErrors + " send errors";
    }

    @Override
    public void close() throws IOException {
        running = false;
        try {
            sender.join(5000);
            channel.close();
            receiver.join(5000);
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
        }
    }
}
