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
        Files.writeString(file, node + " * " + what + " " + nowNanos() + "\n",
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

    /** Wall-clock nanoseconds now, on the scale the journal uses. */
    static long nowNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** When {@code node} first finished starting {@code group} at or after {@code since}, if it has. */
    java.util.OptionalLong startedAfter(String node, String group, long since) throws IOException {
        return entries().stream().filter(e -> e.node().equals(node) && e.group().equals(group)
                && e.action().equals("started") && e.nanos() >= since).mapToLong(Entry::nanos).findFirst();
    }

    /** When {@code node} last finished stopping {@code group} before {@code until}. */
    java.util.OptionalLong stoppedBefore(String node, String group, long until) throws IOException {
        return entries().stream().filter(e -> e.node().equals(node) && e.group().equals(group)
                && e.action().equals("stop") && e.nanos() <= until).mapToLong(Entry::nanos).max();
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
            } else if (e.action().equals("stop")) {
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
}
