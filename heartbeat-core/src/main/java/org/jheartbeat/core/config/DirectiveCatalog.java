package org.jheartbeat.core.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Looks directive names up exactly, as Heartbeat does, and suggests the intended one for a typo. */
final class DirectiveCatalog {

    /** Longer unknown names are not compared: no directive is anywhere near that long. */
    private static final int MAX_SUGGESTION_INPUT = 40;
    private static final int MAX_DISTANCE = 2;

    private static final Map<String, Directive> BY_WORD = new HashMap<>();

    static {
        for (Directive d : Directive.values()) {
            BY_WORD.put(d.word(), d);
        }
    }

    private DirectiveCatalog() {
    }

    /** The directive with exactly this (case-sensitive) name. */
    static Optional<Directive> lookup(String name) {
        return Optional.ofNullable(BY_WORD.get(name));
    }

    /**
     * The directive a misspelt name most likely means: one that differs only in case, else the
     * closest within two edits (the first in catalogue order on a tie).
     */
    static Optional<String> suggest(String name) {
        if (name.isEmpty() || name.length() > MAX_SUGGESTION_INPUT) {
            return Optional.empty();
        }
        String lower = Ascii.lower(name);
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (Directive d : Directive.values()) {
            if (d.word().equals(lower)) {
                return Optional.of(d.word());
            }
            int distance = editDistance(lower, d.word());
            if (distance < bestDistance) {
                best = d.word();
                bestDistance = distance;
            }
        }
        if (best == null && "udp".equals(lower)) {
            best = "bcast";
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance with a single row; inputs are short (checked by the caller). */
    static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                int substitute = diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                row[j] = Math.min(substitute, Math.min(above + 1, row[j - 1] + 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }
}
