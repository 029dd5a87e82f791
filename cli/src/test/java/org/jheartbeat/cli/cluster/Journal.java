package org.jheartbeat.cli.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The start/stop journal every node's TestRsc writes, read back as intervals during which a
 * node may have run a group (from the moment its start began to the moment its stop ended).
 */
final class Journal {

    record Entry(String node, String group, String action, long nanos) {
    }

    /** [from, to) in wall-clock nanoseconds; {@code to} is Long.MAX_VALUE while it still runs. */
    record Interval(String node, String group, long from, long to) {
        boolean overlaps(Interval other) {
            return from < other.to && other.from < to;
        }
    }

    private final Path file;

    Journal(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Records that {@code node} died now: whatever it ran counts as ended. */
    void killed(String node) throws IOException {
        mark(node, "killed");
    }

    /** The nodes stop hearing each other now: starts from now until {@link #healed} may double. */
    void partitioned() throws IOException {
        mark("*", "partition");
    }

    void healed() throws IOException {
        mark("*", "healed");
    }

    private void mark(String node, String what) throws IOException {
        Files.writeString(file, node + " * " + what + " " + (System.currentTimeMillis() * 1_000_000L) + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    List<Entry> entries() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        for (String line : Files.readAllLines(file)) {
            String[] w = line.split(" ");
            entries.add(new Entry(w[0], w[1], w[2], Long.parseLong(w[3])));
        }
        return entries;
    }

    /** How many times {@code node} started {@code group}. */
    long starts(String node, String group) throws IOException {
        return entries().stream().filter(e -> e.node().equals(node) && e.group().equals(group)
                && e.action().equals("start")).count();
    }

    List<Interval> intervals() throws IOException {
        List<Interval> intervals = new ArrayList<>();
        Map<String, Long> open = new HashMap<>();
        for (Entry e : entries()) {
            String key = e.node() + " " + e.group();
            if (e.action().equals("partition") || e.action().equals("healed")) {
                continue;
            }
            if (e.action().equals("killed")) {
                open.entrySet().removeIf(o -> {
                    boolean mine = o.getKey().startsWith(e.node() + " ");
                    if (mine) {
                        intervals.add(new Interval(e.node(), o.getKey().substring(e.node().length() + 1), o.getValue(),
                                e.nanos()));
                    }
                    return mine;
                });
            } else if (e.action().equals("start")) {
                open.putIfAbsent(key, e.nanos());
            } else {
                Long from = open.remove(key);
                if (from != null) {
                    intervals.add(new Interval(e.node(), e.group(), from, e.nanos()));
                }
            }
        }
        open.forEach((key, from) -> {
            String[] w = key.split(" ");
            intervals.add(new Interval(w[0], w[1], from, Long.MAX_VALUE));
        });
        return intervals;
    }

    /**
     * Pairs of intervals in which two nodes ran the same group at once, except where the later
     * start happened while the nodes were partitioned (then both starting is expected, and the
     * healing must end it).
     */
    List<String> doubleRuns() throws IOException {
        List<Interval> all = intervals();
        List<long[]> partitions = new ArrayList<>();
        long partitionStart = -1;
        for (Entry e : entries()) {
            if (e.action().equals("partition")) {
                partitionStart = e.nanos();
            } else if (e.action().equals("healed") && partitionStart >= 0) {
                partitions.add(new long[] {partitionStart, e.nanos()});
                partitionStart = -1;
            }
        }
        List<String> found = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Interval a = all.get(i);
                Interval b = all.get(j);
                long laterStart = Math.max(a.from(), b.from());
                boolean duringPartition = partitions.stream().anyMatch(p -> p[0] <= laterStart && laterStart <= p[1]);
                if (a.group().equals(b.group()) && !a.node().equals(b.node()) && a.overlaps(b) && !duringPartition) {
                    found.add(a + " and " + b);
                }
            }
        }
        return found;
    }

    /** The time from the end of {@code from}'s last stop of {@code group} to the start of {@code to}'s next start. */
    long handoffGapNanos(String group, String from, String to) throws IOException {
        List<Entry> entries = entries();
        long stopped = -1;
        for (Entry e : entries) {
            if (e.group().equals(group) && e.node().equals(from) && e.action().equals("stop")) {
                stopped = e.nanos();
            }
        }
        for (Entry e : entries) {
            if (e.group().equals(group) && e.node().equals(to) && e.action().equals("start") && e.nanos() >= stopped) {
                return e.nanos() - stopped;
            }
        }
        throw new IllegalStateException(to + " never started " + group + " after " + from + " stopped it");
    }
}
