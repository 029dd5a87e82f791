package org.jheartbeat.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.jheartbeat.core.config.AuthKeys;
import org.jheartbeat.core.config.BcastMedium;
import org.jheartbeat.core.config.HaCf;
import org.jheartbeat.core.config.HaConfigLoader;
import org.jheartbeat.core.config.McastMedium;
import org.jheartbeat.core.config.Medium;
import org.jheartbeat.core.config.PingGroup;
import org.jheartbeat.core.config.PingNode;
import org.jheartbeat.core.config.PingTarget;
import org.jheartbeat.core.config.Problem;
import org.jheartbeat.core.config.ResolvedGroup;
import org.jheartbeat.core.config.ResolvedResource;
import org.jheartbeat.core.config.RespawnClient;
import org.jheartbeat.core.config.Timers;
import org.jheartbeat.core.config.UcastMedium;

/**
 * What {@code heartbeat --check} prints: every problem as {@code FILE:LINE: error|warning: TEXT},
 * then a normalised summary of what jheartbeat understood, then the verdict. The summary uses
 * one fixed layout and unit (ms) whatever way the files spelled things.
 */
final class ConfigReport {

    private ConfigReport() {
    }

    static void print(HaConfigLoader.Result result, Path dir, PrintStream out) {
        for (Problem p : result.problems()) {
            out.println(p.format());
        }
        if (!result.problems().isEmpty()) {
            out.println();
        }
        out.println("Configuration in " + dir + " for node " + result.localNode() + ":");
        result.haCf().ifPresent(cf -> printHaCf(cf, result.localNode(), out));
        result.authKeys().ifPresent(keys -> printAuth(keys, out));
        if (result.haResources().isPresent()) {
            printGroups(result.groups(), out);
        }
        long errors = result.problems().stream().filter(Problem::isError).count();
        long warnings = result.problems().size() - errors;
        out.println();
        out.println(result.valid()
                ? "Valid (" + plural(warnings, "warning") + ")."
                : "INVALID: " + plural(errors, "error") + ", " + plural(warnings, "warning")
                        + "; heartbeat would refuse to start.");
    }

    private static void printHaCf(HaCf cf, String localNode, PrintStream out) {
        out.println("  nodes:");
        for (String node : cf.nodes()) {
            out.println("    " + node + "  normal" + (node.equals(localNode) ? "  (this node)" : ""));
        }
        for (PingTarget target : cf.pingTargets()) {
            out.println("    " + target.name() + "  ping" + switch (target) {
                case PingNode n -> "";
                case PingGroup g -> "  (group: " + String.join(" ", g.addresses()) + ")";
            });
        }
        out.println("  media:");
        if (cf.media().isEmpty()) {
            out.println("    (none)");
        }
        for (Medium m : cf.media()) {
            out.println("    " + switch (m) {
                case BcastMedium b -> "bcast " + b.interfaceName() + " port " + b.port();
                case McastMedium c -> "mcast " + c.interfaceName() + " group " + c.group().getHostAddress()
                        + " port " + c.port() + " ttl " + c.ttl() + " loop " + (c.loop() ? 1 : 0);
                case UcastMedium u -> "ucast " + u.interfaceName() + " peer " + u.peer() + " port " + u.port();
            });
        }
        Timers t = cf.timers();
        out.println("  timers: keepalive " + ms(t.keepalive()) + ", deadtime " + ms(t.deadtime())
                + ", warntime " + ms(t.warntime()) + ", initdead " + ms(t.initdead())
                + ", deadping " + ms(t.deadping()));
        out.println("  auto_failback: " + cf.autoFailback().name().toLowerCase(java.util.Locale.ROOT));
        out.println("  udpport: " + cf.udpPort());
        for (RespawnClient client : cf.respawnClients()) {
            out.println("  respawn: " + client.user() + " " + client.command()
                    + (client.arguments().isEmpty() ? "" : " " + String.join(" ", client.arguments()))
                    + (client.isIpfail() ? "  (built-in ipfail)" : ""));
        }
        cf.logging().logfile().ifPresent(f -> out.println("  logfile: " + f));
        cf.logging().debugfile().ifPresent(f -> out.println("  debugfile: " + f));
        cf.logging().facility().ifPresent(f -> out.println("  logfacility: " + f));
    }

    private static void printAuth(AuthKeys keys, PrintStream out) {
        String listed = keys.keys().keySet().stream().sorted().map(String::valueOf)
                .collect(Collectors.joining(", "));
        String active = keys.keys().containsKey(keys.activeKeyNumber())
                ? keys.activeKey().method().configName() : "undefined";
        out.println("  authentication: signs with key " + keys.activeKeyNumber() + " (" + active
                + "); accepts keys " + listed);
    }

    private static void printGroups(List<ResolvedGroup> groups, PrintStream out) {
        out.println("  resource groups:");
        if (groups.isEmpty()) {
            out.println("    (none)");
        }
        for (ResolvedGroup group : groups) {
            out.println("    " + group.key() + "  home " + group.homeNode()
                    + (group.local() ? " (local)" : " (foreign)"));
            int i = 1;
            for (ResolvedResource r : group.resources()) {
                out.println("      " + i++ + ". " + r.spec().agentName()
                        + (r.spec().arguments().isEmpty() ? "" : " " + r.spec().arguments())
                        + "  -> " + r.kind().description()
                        + r.script().map(s -> " " + s).orElse(""));
            }
        }
    }

    private static String ms(Duration d) {
        return d.toMillis() + " ms";
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
