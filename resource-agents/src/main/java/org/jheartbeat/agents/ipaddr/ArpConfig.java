package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.agents.kernel.GratuitousArp;
import org.jheartbeat.core.config.ConfigFileReader;
import org.jheartbeat.core.config.ConfigLine;
import org.jheartbeat.core.config.ConfigText;
import org.jheartbeat.core.config.Problems;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * SendArp's tunables, {@code ARP_INTERVAL_MS} and {@code ARP_REPEAT}, from the shell-variable
 * files {@code conf/arp_config} and then {@code conf/arp_config:NIC} under the configuration
 * directory (later files win). Missing files are normal; a bad value is an error naming file and line.
 */
record ArpConfig(Duration interval, int repeat) {

    static final ArpConfig DEFAULT = new ArpConfig(GratuitousArp.DEFAULT_INTERVAL, GratuitousArp.DEFAULT_COUNT);
    private static final int MAX_LINE = 4096;

    static ArpConfig read(Path haDir, String nic) throws AgentFailure {
        ArpConfig config = DEFAULT;
        for (Path file : new Path[] {haDir.resolve("conf/arp_config"), haDir.resolve("conf/arp_config:" + nic)}) {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                config = config.overriddenBy(file);
            }
        }
        return config;
    }

    private ArpConfig overriddenBy(Path file) throws AgentFailure {
        Problems problems = new Problems();
        Optional<ConfigText> text = new ConfigFileReader(MAX_LINE).read(file, problems);
        if (text.isEmpty() || problems.hasErrors()) {
            throw AgentFailure.configured(problems.list().getFirst().format());
        }
        Duration newInterval = interval;
        int newRepeat = repeat;
        for (ConfigLine line : text.get().lines()) {
            String body = line.text().strip();
            if (body.isEmpty() || body.startsWith("#") || body.indexOf('=') < 0) {
                continue;
            }
            String name = body.substring(0, body.indexOf('=')).strip();
            String value = unquote(body.substring(body.indexOf('=') + 1).strip());
            if (!name.equals("ARP_INTERVAL_MS") && !name.equals("ARP_REPEAT")) {
                continue;
            }
            OptionalInt number = OcfValues.nonNegative(value);
            if (number.isEmpty() || number.getAsInt() == 0) {
                throw AgentFailure.configured(file + ":" + line.number() + ": " + name
                        + " must be a positive whole number, not [" + value + "]");
            }
            if (name.equals("ARP_INTERVAL_MS")) {
                newInterval = Duration.ofMillis(number.getAsInt());
            } else {
                newRepeat = number.getAsInt();
            }
        }
        return new ArpConfig(newInterval, newRepeat);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
