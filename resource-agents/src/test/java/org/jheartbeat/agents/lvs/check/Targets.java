package org.jheartbeat.agents.lvs.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jheartbeat.agents.lvs.config.LdirectordConfig;
import org.jheartbeat.agents.lvs.config.LdirectordConfigParser;
import org.jheartbeat.agents.lvs.config.NameResolver;
import org.jheartbeat.agents.lvs.config.VirtualService;
import org.jheartbeat.core.config.ConfigLine;
import org.jheartbeat.core.config.ConfigText;

/** Check targets made the way the daemon makes them: from an ldirectord.cf section. */
final class Targets {

    private Targets() {
    }

    /** The first real of a one-virtual file whose section lines are given (a tab is added). */
    static CheckTarget of(String virtual, String... sectionLines) {
        return of(virtual, List.of(), sectionLines);
    }

    /** Like {@link #of(String, String...)} with more section lines (given as a list for varargs' sake). */
    static CheckTarget of(String virtual, List<String> extra, String... sectionLines) {
        List<ConfigLine> lines = new ArrayList<>();
        lines.add(new ConfigLine(1, "virtual=" + virtual));
        List<String> all = new ArrayList<>(List.of(sectionLines));
        all.addAll(extra);
        for (String s : all) {
            lines.add(new ConfigLine(lines.size() + 1, "\t" + s));
        }
        LdirectordConfigParser.Result r = LdirectordConfigParser.parse(new ConfigText(Path.of("test.cf"), lines),
                new LdirectordConfigParser.Options(NameResolver.numericOnly(), "director.test"));
        LdirectordConfig c = r.config().orElseThrow(() -> new AssertionError(r.problems().toString()));
        VirtualService v = c.virtuals().getFirst();
        return CheckTarget.of(v, v.reals().getFirst());
    }
}
