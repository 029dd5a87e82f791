package org.jheartbeat.cli.compare;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The samples of a run, and the one table it prints: a row per metric and timer setting, a
 * column per contender with median / p95 in milliseconds and the number of samples. A cell that
 * could not be measured says why in a numbered note under the table.
 */
final class ResultTable {

    private record Key(Metric metric, Timers timers, String contender) {
    }

    private final List<String> contenders;
    private final List<Timers> timers;
    private final Map<Key, List<Double>> samples = new LinkedHashMap<>();
    private final Map<Key, Integer> failures = new LinkedHashMap<>();
    /** Why a contender's column has no numbers for a timer setting (impossible, or the setup failed). */
    private final Map<String, String> notes = new LinkedHashMap<>();

    ResultTable(List<String> contenders, List<Timers> timers) {
        this.contenders = List.copyOf(contenders);
        this.timers = List.copyOf(timers);
    }

    synchronized void add(Metric metric, Timers timers, String contender, double millis) {
        samples.computeIfAbsent(new Key(metric, timers, contender), k -> new ArrayList<>()).add(millis);
    }

    /** A round in which {@code metric} could not be measured (counted, shown as "+k failed"). */
    synchronized void failed(Metric metric, Timers timers, String contender) {
        failures.merge(new Key(metric, timers, contender), 1, Integer::sum);
    }

    synchronized void note(Timers timers, String contender, String why) {
        notes.merge(timers.label() + "\u0000" + contender, why, (a, b) -> a + "; " + b);
    }

    synchronized void print(PrintStream out, String header, List<String> footnotes) {
        int width = 30;
        out.println(header);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-40s %-12s", "scenario", "timers"));
        for (String c : contenders) {
            line.append(String.format(Locale.ROOT, " %-" + width + "s", c));
        }
        out.println(line);
        out.println("-".repeat(line.length()));
        List<String> noteTexts = new ArrayList<>(notes.values().stream().distinct().toList());
        for (Metric metric : Metric.values()) {
            for (Timers t : timers) {
                line = new StringBuilder(String.format(Locale.ROOT, "%-40s %-12s", metric.title, t.label()));
                for (String c : contenders) {
                    line.append(String.format(Locale.ROOT, " %-" + width + "s", cell(metric, t, c, noteTexts)));
                }
                out.println(line);
            }
        }
        out.println();
        out.println("cells: median / p95 in ms (n samples; +k failed = rounds where it did not happen in time)");
        for (int i = 0; i < noteTexts.size(); i++) {
            out.println("[" + (i + 1) + "] " + noteTexts.get(i));
        }
        footnotes.forEach(out::println);
    }

    private String cell(Metric metric, Timers t, String contender, List<String> noteTexts) {
        Key key = new Key(metric, t, contender);
        List<Double> values = samples.getOrDefault(key, List.of());
        int failed = failures.getOrDefault(key, 0);
        String note = notes.get(t.label() + "\u0000" + contender);
        String mark = note == null ? "" : " [" + (noteTexts.indexOf(note) + 1) + "]";
        if (values.isEmpty()) {
            return (failed > 0 ? "none, " + failed + " failed" : "n/a") + mark;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        double p95 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1));
        return String.format(Locale.ROOT, "%s / %s (%d%s)%s", millis(metric, median), millis(metric, p95), sorted.size(),
                failed > 0 ? " +" + failed + " failed" : "", mark);
    }

    /** Whole milliseconds from 100 up, except from the last packet: dead time plus a reaction of a millisecond or two. */
    private static String millis(Metric metric, double value) {
        boolean tenths = value < 100 || metric == Metric.KILL_SILENCE || metric == Metric.LINK_SILENCE;
        return String.format(Locale.ROOT, tenths ? "%.1f" : "%.0f", value);
    }
}
