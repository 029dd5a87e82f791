package org.jheartbeat.agents.lvs.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Reads the directives that are only allowed in the global part of ldirectord.cf. */
final class GlobalDirectives {

    static final Set<String> NAMES = Set.of("autoreload", "callback", "logfile", "execute", "fork", "supervised",
            "readdquiescent", "emailalertfrom", "maintenancedir", "timeout");

    private GlobalDirectives() {
    }

    /**
     * Applies one global directive.
     *
     * @param value the text after {@code =}, or null for a line without {@code =}
     * @return false when the directive is unknown here
     */
    static boolean apply(GlobalDraft g, String name, String value, Where where) {
        if (value == null) {
            if (name.equals("supervised")) {
                where.warning("please update your config not to use a bare supervised directive");
                g.supervised = true;
                return true;
            }
            return false;
        }
        if (SharedDirectives.apply(g.shared, name, value, false, where)) {
            return true;
        }
        switch (name) {
            case "autoreload" -> SharedDirectives.yesNo(name, value, where).ifPresent(b -> g.autoReload = b);
            case "fork" -> SharedDirectives.yesNo(name, value, where).ifPresent(b -> g.fork = b);
            case "supervised" -> SharedDirectives.yesNo(name, value, where).ifPresent(b -> g.supervised = b);
            case "readdquiescent" -> SharedDirectives.yesNo(name, value, where).ifPresent(b -> g.readdQuiescent = b);
            case "callback" -> DirectiveValues.requireQuoted(name, value, where).ifPresent(c -> g.callback = Optional.of(c));
            case "logfile" -> DirectiveValues.requireQuoted(name, value, where).ifPresent(f -> {
                if (f.startsWith("/") && !canAppend(f)) {
                    where.error("unable to open logfile: " + f);
                } else {
                    g.logFile = f;
                }
            });
            case "execute" -> {
                if (value.isBlank()) {
                    where.error("execute needs the name of another ldirectord configuration");
                } else {
                    g.execute.add(value);
                }
            }
            case "emailalertfrom" -> {
                String from = DirectiveValues.optionallyQuoted(value);
                if (from.isBlank()) {
                    where.error("no email from address specified");
                } else {
                    g.emailFrom = Optional.of(from);
                }
            }
            case "maintenancedir" -> {
                String dir = DirectiveValues.optionallyQuoted(value);
                if (dir.isBlank()) {
                    where.error("maintenance directory not specified");
                } else {
                    if (!isDirectory(dir)) {
                        where.warning("maintenance directory does not exist");
                    }
                    g.maintenanceDir = Optional.of(dir);
                }
            }
            case "timeout" -> where.error("timeout directive deprecated in favour of checktimeout and negotiatetimeout");
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean isDirectory(String path) {
        try {
            return Files.isDirectory(Path.of(path));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether the log file could be opened for appending, decided without creating it (a
     * configuration check must not leave files behind).
     */
    static boolean canAppend(String path) {
        try {
            Path file = Path.of(path);
            if (Files.exists(file)) {
                return Files.isRegularFile(file) && Files.isWritable(file);
            }
            Path dir = file.toAbsolutePath().getParent();
            return dir != null && Files.isDirectory(dir) && Files.isWritable(dir);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
