package org.jheartbeat.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jheartbeat.core.config.HaResourcesLines.LogicalLine;
import org.jheartbeat.core.config.HaResourcesLines.Word;

import static org.jheartbeat.core.config.FileProblems.quoted;

/**
 * Reads {@code haresources}: one group per logical line, {@code NODE RESOURCE [RESOURCE...]},
 * as Heartbeat 3.0.6's ResourceManager reads it (continuations and comments: see
 * {@link HaResourcesLines}; resource words: see {@link ResourceTokens}).
 *
 * <p>The group key (first resource) must be unique. Unlike Heartbeat, which finds a group by
 * searching its key as a regular expression anywhere in each line, jheartbeat matches the key
 * exactly against each group's first resource ({@link HaResources#group(String)}); a key that
 * also appears inside another group is reported, because Heartbeat would act on both groups.
 *
 * <p>Whether home nodes are declared nodes and whether each agent name resolves is checked by
 * the configuration loader, which knows ha.cf and the resource directories.
 */
public final class HaResourcesParser {

    /** Longer physical lines are reported and skipped. */
    public static final int MAX_LINE_BYTES = 64 * 1024;
    /**
     * Larger files are refused: real ones are a few kilobytes, and every line read costs
     * memory, so a hostile file of millions of empty lines must not be read at all.
     */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private static final ConfigFileReader READER = new ConfigFileReader(MAX_LINE_BYTES, MAX_FILE_BYTES);

    private HaResourcesParser() {
    }

    /**
     * The groups that could be read, and every problem found. Groups with an error in their
     * node or key are left out of the model; resources with an error are left out of their group.
     */
    public static HaResources parse(ConfigText text, Problems problems) {
        FileProblems report = new FileProblems(problems, text.file());
        Reading reading = new Reading(report);
        HaResourcesLines.join(text, report, reading::group);
        reading.reportKeysInOtherGroups();
        report.finish();
        return new HaResources(reading.groups);
    }

    /**
     * Reads and parses the file; empty only when the file cannot be read at all (missing, a
     * directory, a FIFO, unreadable), with the reason added to {@code problems}.
     */
    public static Optional<HaResources> read(Path file, Problems problems) {
        Optional<String> unusable = READER.whyUnusable(file);
        if (unusable.isPresent()) {
            problems.error(file, 0, "Cannot open resources file [" + file + "]: " + unusable.get()
                    + ". Copy the sample haresources from jheartbeat's etc-ha.d folder, customise it,"
                    + " and try again");
            return Optional.empty();
        }
        return READER.read(file, problems).map(text -> parse(text, problems));
    }

    /** One pass over one file. */
    private static final class Reading {

        private final FileProblems report;
        private final List<ResourceGroup> groups = new ArrayList<>();
        private final Map<String, Integer> keyLines = new HashMap<>();
        /** Every resource but the keys, with the line of its group. */
        private final List<Word> otherResources = new ArrayList<>();
        private final List<Integer> otherResourceGroupLines = new ArrayList<>();

        Reading(FileProblems report) {
            this.report = report;
        }

        void group(LogicalLine logical) {
            List<Word> words = logical.words();
            Word node = words.getFirst();
            if (words.size() == 1) {
                report.error(node.line(), "node " + quoted(node.text()) + " has no resources: a group"
                        + " is NODE RESOURCE [RESOURCE...] on one line (continued with a final '\\')");
                return;
            }
            List<ResourceSpec> resources = new ArrayList<>();
            List<Word> resourceWords = new ArrayList<>();
            for (Word word : words.subList(1, words.size())) {
                ResourceTokens.parse(word.text(), word.line(), report).ifPresent(spec -> {
                    resources.add(spec);
                    resourceWords.add(word);
                });
            }
            if (resources.isEmpty()) {
                return;
            }
            ResourceGroup group = new ResourceGroup(node.text().toLowerCase(Locale.ROOT), resources,
                    logical.firstLine());
            Word key = resourceWords.getFirst();
            Integer earlier = keyLines.putIfAbsent(key.text(), group.line());
            if (earlier != null) {
                report.error(key.line(), "group key " + quoted(key.text()) + " is not unique: it is"
                        + " the first resource of the groups on lines " + earlier + " and " + group.line()
                        + ". Heartbeat names a group by its first resource, so every group must start"
                        + " with a different one (reorder the resources, or merge the groups)");
                return;
            }
            groups.add(group);
            for (Word word : resourceWords.subList(1, resourceWords.size())) {
                otherResources.add(word);
                otherResourceGroupLines.add(group.line());
            }
        }

        void reportKeysInOtherGroups() {
            for (int i = 0; i < otherResources.size(); i++) {
                Word word = otherResources.get(i);
                Integer keyLine = keyLines.get(word.text());
                if (keyLine != null && keyLine.intValue() != otherResourceGroupLines.get(i)) {
                    report.warning(word.line(), "resource " + quoted(word.text()) + " is also the key of"
                            + " the group on line " + keyLine + "; Heartbeat would take or release this"
                            + " group together with that one whenever that group is asked for (it searches"
                            + " keys anywhere in a line). jheartbeat matches keys exactly, but a group's key"
                            + " should appear in no other group");
                }
            }
        }
    }
}
