package org.jheartbeat.agents.lvs.bench;

import java.util.Arrays;

/**
 * What the benchmark's real servers saw during a measuring window: how many connections (checks)
 * came, how many servers were asked at all, and the gaps between two asks of the same server.
 * With {@code checkinterval=1} a gap of {@code 1000 + L} ms means that check came {@code L} ms
 * late, whoever made it — the one lateness measure that fits a checker we cannot look inside.
 * Used by one thread (the servers' selector).
 */
final class ServerLog {

    private static final int MAX_GAP_MILLIS = 600_000;

    private final long[] lastAsked;
    private final long[] gapCounts = new long[MAX_GAP_MILLIS + 1];
    private long windowStart;
    private long asks;
    private long gaps;
    private int serversAsked;

    ServerLog(int servers) {
        lastAsked = new long[servers];
        windowStart = System.nanoTime();
        Arrays.fill(lastAsked, Long.MIN_VALUE);
    }

    /** Opens a new window: only asks from now on count, and only gaps whose both ends are in it. */
    void start(long now) {
        windowStart = now;
        asks = 0;
        gaps = 0;
        serversAsked = 0;
        Arrays.fill(gapCounts, 0);
        Arrays.fill(lastAsked, Long.MIN_VALUE);
    }

    void asked(int server, long now) {
        asks++;
        long last = lastAsked[server];
        if (last == Long.MIN_VALUE) {
            serversAsked++;
        } else {
            gapCounts[(int) Math.min(MAX_GAP_MILLIS, (now - last) / 1_000_000)]++;
            gaps++;
        }
        lastAsked[server] = now;
    }

    /**
     * {@code seconds=S asks=N asked=K/M gaps=G gap_p50=.. gap_p99=.. gap_max=..} (gaps in ms;
     * -1 when there was none).
     */
    String report(long now) {
        return String.format("seconds=%.3f asks=%d asked=%d/%d gaps=%d gap_p50=%d gap_p99=%d gap_max=%d",
                (now - windowStart) / 1e9, asks, serversAsked, lastAsked.length, gaps, percentile(0.5),
                percentile(0.99), percentile(1.0));
    }

    private long percentile(double fraction) {
        if (gaps == 0) {
            return -1;
        }
        long wanted = Math.max(1, (long) Math.ceil(fraction * gaps));
        long seen = 0;
        for (int ms = 0; ms < gapCounts.length; ms++) {
            seen += gapCounts[ms];
            if (seen >= wanted) {
                return ms;
            }
        }
        return MAX_GAP_MILLIS;
    }
}
