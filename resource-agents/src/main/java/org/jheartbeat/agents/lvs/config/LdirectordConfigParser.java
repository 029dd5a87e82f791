package org.jheartbeat.agents.lvs.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jheartbeat.core.config.ConfigFileReader;
import org.jheartbeat.core.config.ConfigLine;
import org.jheartbeat.core.config.ConfigText;
import org.jheartbeat.core.config.Problem;
import org.jheartbeat.core.config.Problems;

/**
 * Reads ldirectord.cf with ldirectord's lexical rules: global directives in column 1 and not
 * comment-stripped; a {@code virtual=} line opens a section of lines indented by four spaces or
 * a tab, in which {@code #} starts a comment; an empty line or an unindented line ends it.
 *
 * <p>One extension: some published configurations lost their indentation. An unindented line
 * after a {@code virtual=} line whose directive is only meaningful inside a virtual section
 * ({@code real=}, {@code service=}, ...) is taken as part of the last section opened (until an
 * empty line), with a warning. A directive valid in both places keeps ldirectord's meaning
 * (global) and, as in ldirectord, ends the section for indented lines.
 *
 * <p>Every problem of the file is reported in one run, with its line.
 */
public final class LdirectordConfigParser {

    /** Lines longer than this are hostile or broken; ldirectord.cf lines are short. */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    private static final Pattern DIRECTIVE = Pattern.compile("([A-Za-z0-9_]+)\\s*=\\s*(.*)", Pattern.DOTALL);
    private static final Pattern BARE_WORD = Pattern.compile("([A-Za-z0-9_]+)\\s*");

    /**
     * @param resolver  turns host and service names into numbers
     * @param localHost this host's name, for the default logins of ftp and sip checks
     */
    public record Options(NameResolver resolver, String localHost) {
        public static Options system(String localHost) {
            return new Options(NameResolver.system(), localHost);
        }
    }

    /** The configuration when there is no error, and every problem found either way. */
    public record Result(Optional<LdirectordConfig> config, List<Problem> problems) {
        /** Problems are kept in file order, whichever pass found them. */
        public Result {
            problems = problems.stream().sorted(java.util.Comparator.comparingInt(Problem::line)).toList();
        }

        public boolean valid() {
            return config.isPresent();
        }
    }

    private final Options options;
    private final Problems problems = new Problems();
    private final GlobalDraft globals = new GlobalDraft();
    private final List<SectionDraft> sections = new ArrayList<>();
    private final List<String> deviations = new ArrayList<>();
    private Path file;
    /** The section indented lines belong to, null between sections. */
    private SectionDraft open;
    /**
     * The section an unindented section-only directive is added to: the last one opened, until an
     * empty line (indented lines need {@link #open} instead).
     */
    private SectionDraft unindented;
    /** Why the last section ended, to explain an indented line that follows. */
    private String sectionEnd = "";

    private LdirectordConfigParser(Options options) {
        this.options = options;
    }

    public static Result parse(Path file, Options options) {
        Problems readProblems = new Problems();
        Optional<ConfigText> text = new ConfigFileReader(MAX_LINE_BYTES).read(file, readProblems);
        if (text.isEmpty()) {
            return new Result(Optional.empty(), readProblems.list());
        }
        return parse(text.get(), readProblems.list(), options);
    }

    public static Result parse(ConfigText text, Options options) {
        return parse(text, List.of(), options);
    }

    private static Result parse(ConfigText text, List<Problem> earlier, Options options) {
        LdirectordConfigParser parser = new LdirectordConfigParser(options);
        parser.file = text.file();
        parser.problems.addAll(earlier);
        for (ConfigLine line : text.lines()) {
            parser.line(line);
        }
        return parser.finish();
    }

    private Result finish() {
        ConfigResolver resolver = new ConfigResolver(file, options, problems, deviations);
        List<VirtualService> virtuals = resolver.resolve(globals, sections);
        GlobalSettings settings = new GlobalSettings(globals.shared.checkInterval.orElse(10), globals.autoReload,
                globals.callback, globals.logFile, globals.execute, globals.fork, globals.supervised,
                globals.readdQuiescent, globals.maintenanceDir);
        if (problems.hasErrors()) {
            return new Result(Optional.empty(), problems.list());
        }
        return new Result(Optional.of(new LdirectordConfig(file, settings, virtuals, deviations)), problems.list());
    }

    private void line(ConfigLine line) {
        String raw = line.text();
        Where where = new Where(file, line.number(), problems);
        if (open != null && isIndented(raw)) {
            String content = stripComment(raw);
            if (!content.isBlank()) {
                sectionLine(open, content.stripLeading(), raw, where);
            }
            return;
        }
        if (raw.isBlank()) {
            if (open != null) {
                sectionEnd = " (the empty line " + line.number() + " ended the virtual section of line "
                        + open.line + ")";
            }
            open = null;
            unindented = null;
            return;
        }
        Matcher d = DIRECTIVE.matcher(raw);
        if (unindented != null && d.matches() && SectionDirectives.SECTION_ONLY.contains(d.group(1))) {
            where.warning(d.group(1) + "= is not indented; taken as part of the virtual section of line "
                    + unindented.line + " (ldirectord 4.x rejects this line: indent section lines with a tab)");
            deviations.add("line " + line.number() + ": unindented " + d.group(1)
                    + "= read as part of the virtual section of line " + unindented.line);
            sectionLine(unindented, stripComment(raw), raw, where);
            return;
        }
        if (open != null) {
            sectionEnd = " (line " + line.number() + " is not indented and ended the virtual section of line "
                    + open.line + ")";
            open = null;
        }
        globalLine(raw, where);
    }

    private void globalLine(String raw, Where where) {
        if (raw.isBlank() || raw.stripLeading().startsWith("#")) {
            return;
        }
        if (Character.isWhitespace(raw.charAt(0))) {
            where.error("Unknown command " + raw + sectionEnd);
            return;
        }
        Matcher d = DIRECTIVE.matcher(raw);
        if (!d.matches()) {
            Matcher bare = BARE_WORD.matcher(raw);
            if (!bare.matches() || !GlobalDirectives.apply(globals, bare.group(1), null, where)) {
                where.error("Unknown command " + raw);
            }
            return;
        }
        String name = d.group(1);
        String value = d.group(2);
        if (name.equals("virtual") || name.equals("virtual6")) {
            boolean ipv6 = name.equals("virtual6");
            VirtualLine virtual = VirtualLine.parse(value, ipv6, where).orElse(new VirtualLine.Unparsable(ipv6));
            open = new SectionDraft(where.line(), virtual);
            unindented = open;
            sections.add(open);
            return;
        }
        if (!GlobalDirectives.apply(globals, name, value, where)) {
            where.error("Unknown command " + raw + (SectionDirectives.SECTION_ONLY.contains(name)
                    ? " (" + name + " is only valid inside a virtual section" + sectionEnd + ")" : ""));
        }
    }

    private void sectionLine(SectionDraft section, String content, String raw, Where where) {
        Matcher d = DIRECTIVE.matcher(content);
        if (!d.matches() || !SectionDirectives.apply(section, d.group(1), d.group(2), where)) {
            where.error("Unknown command \"" + raw + "\"" + (d.matches() && GlobalDirectives.NAMES.contains(d.group(1))
                    ? " (" + d.group(1) + " is only valid as a global directive, in column 1)" : ""));
        }
    }

    /** At least four columns of leading blanks, a tab counting as four. */
    static boolean isIndented(String line) {
        int columns = 0;
        for (int i = 0; i < line.length() && columns < 4; i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                columns += 4;
            } else if (c == ' ') {
                columns++;
            } else {
                return false;
            }
        }
        return columns >= 4;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
