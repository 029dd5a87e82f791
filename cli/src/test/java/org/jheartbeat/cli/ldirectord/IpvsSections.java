package org.jheartbeat.cli.ldirectord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ipvsadm -L -n} cut into its parts: the three heading lines under key {@code ""}, then
 * one entry per service, keyed by its address ({@code 10.88.0.50:80}), holding the service line
 * followed by its real-server lines.
 */
record IpvsSections(Map<String, List<String>> sections) {

    private static final Pattern SERVICE = Pattern.compile("^(?:TCP|UDP|FWM)\\s+(\\S+)\\s.*");
    private static final Pattern REAL = Pattern.compile("^\\s+->\\s+(\\S+)\\s+\\w+\\s+(\\d+)\\s.*");

    IpvsSections {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        sections.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        sections = java.util.Collections.unmodifiableMap(copy);
    }

    static IpvsSections parse(String listing) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = new ArrayList<>();
        sections.put("", current);
        for (String line : listing.lines().toList()) {
            Matcher service = SERVICE.matcher(line);
            if (service.matches()) {
                current = new ArrayList<>();
                sections.put(service.group(1), current);
            }
            current.add(line);
        }
        return new IpvsSections(sections);
    }

    /** {@code RIP:PORT -> weight} of one service; empty when the service is not in the table. */
    Map<String, Integer> weights(String service) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String line : sections.getOrDefault(service, List.of())) {
            Matcher real = REAL.matcher(line);
            if (real.matches()) {
                weights.put(real.group(1), Integer.parseInt(real.group(2)));
            }
        }
        return weights;
    }

    /** This listing with one service's section replaced (or added) by {@code lines}. */
    IpvsSections with(String service, List<String> lines) {
        Map<String, List<String>> changed = new LinkedHashMap<>(sections);
        changed.put(service, lines);
        return new IpvsSections(changed);
    }

    List<String> section(String service) {
        return sections.getOrDefault(service, List.of());
    }

    /** Sections compared as sets of lines (ipvsadm orders services and reals by its hash tables). */
    Map<String, java.util.Set<String>> unordered() {
        Map<String, java.util.Set<String>> m = new java.util.TreeMap<>();
        sections.forEach((k, v) -> m.put(k, new java.util.TreeSet<>(v)));
        return m;
    }
}
