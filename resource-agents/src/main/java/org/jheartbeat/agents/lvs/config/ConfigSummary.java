package org.jheartbeat.agents.lvs.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The normalised description of an ldirectord.cf that {@code ldirectord --check} prints: one
 * fixed layout with every inherited value and default spelled out, so two files that mean the
 * same thing print the same summary.
 */
public final class ConfigSummary {

    private ConfigSummary() {
    }

    public static List<String> lines(LdirectordConfig c) {
        List<String> out = new ArrayList<>();
        GlobalSettings g = c.globals();
        out.add("ldirectord configuration " + c.file() + ":");
        out.add("  daemon: checkinterval " + g.checkIntervalSeconds() + " s, autoreload " + yesNo(g.autoReload())
                + ", fork " + yesNo(g.fork()) + ", supervised " + yesNo(g.supervised()) + ", readdquiescent "
                + yesNo(g.readdQuiescent()));
        out.add("  log: " + (g.logFile().startsWith("/") ? "file " : "syslog facility ") + g.logFile());
        g.callback().ifPresent(cb -> out.add("  callback: " + cb));
        g.maintenanceDir().ifPresent(d -> out.add("  maintenancedir: " + d));
        g.execute().forEach(e -> out.add("  execute: " + e));
        if (c.virtuals().isEmpty()) {
            out.add("  (no virtual services)");
        }
        for (VirtualService v : c.virtuals()) {
            virtual(v, out);
        }
        if (!c.deviations().isEmpty()) {
            out.add("  read differently from ldirectord 4.x:");
            c.deviations().forEach(d -> out.add("    " + d));
        }
        return out;
    }

    private static void virtual(VirtualService v, List<String> out) {
        Scheduling s = v.scheduling();
        StringBuilder head = new StringBuilder("  virtual " + v.id() + " (line " + v.line() + "): scheduler "
                + s.scheduler());
        s.persistentSeconds().ifPresent(p -> head.append(", persistent ").append(p).append(" s"));
        s.netmask().ifPresent(m -> head.append(" netmask ").append(m));
        s.schedulerFlags().ifPresent(f -> head.append(", schedflags ").append(f));
        if (s.onePacket()) {
            head.append(", one-packet scheduling");
        }
        out.add(head.toString());
        out.add("    on failure: " + (v.quiescent() ? "quiescent (weight 0)" : "removed")
                + ", cleanstop " + yesNo(v.cleanStop()));
        out.add("    check: " + check(v.check()));
        for (RealServer r : v.reals()) {
            StringBuilder line = new StringBuilder("    real " + r.endpoint() + " " + r.forwarding().word()
                    + " weight " + r.weight());
            if (r.lowerThreshold() > 0 || r.upperThreshold() > 0) {
                line.append(" thresholds ").append(r.lowerThreshold()).append("..").append(r.upperThreshold());
            }
            r.request().ifPresent(q -> line.append(" request \"").append(q).append("\" receive \"")
                    .append(r.receive().orElse("")).append('"'));
            out.add(line.toString());
        }
        if (v.reals().isEmpty()) {
            out.add("    (no real servers)");
        }
        v.fallback().ifPresent(f -> out.add("    fallback " + f.endpoint() + " " + f.forwarding().word() + " weight 1"));
        v.fallbackCommand().ifPresent(f -> out.add("    fallbackcommand " + f));
        Alerts a = v.alerts();
        if (!a.emailTo().isEmpty()) {
            out.add("    email alerts to " + String.join(", ", a.emailTo()) + " when "
                    + a.phases().stream().sorted().collect(Collectors.joining(","))
                    + (a.repeatSeconds() > 0 ? ", repeated every " + a.repeatSeconds() + " s" : ""));
        }
        a.monitorFile().ifPresent(m -> out.add("    monitorfile " + m));
    }

    private static String check(CheckSettings c) {
        String timing = "every " + c.intervalSeconds() + " s, down after " + c.failureCount() + " failure"
                + (c.failureCount() == 1 ? "" : "s");
        String port = c.checkPort().isPresent() ? ", port " + c.checkPort().getAsInt() : "";
        return switch (c.type().kind()) {
            case OFF -> "off (real servers are never added or removed by checks)";
            case ON -> "on (always up)";
            case CONNECT -> "connect, timeout " + c.checkTimeoutSeconds() + " s" + port + ", " + timing;
            case PING -> "ping, " + c.checkCount() + " attempt(s) of " + c.checkTimeoutSeconds() + " s, " + timing;
            case EXTERNAL, EXTERNAL_PERL -> c.type().word() + " " + c.checkCommand() + ", timeout "
                    + c.checkTimeoutSeconds() + " s, " + timing;
            case NEGOTIATE -> negotiate(c) + port + ", " + timing;
            case COMBINED -> negotiate(c) + port + ", then " + c.type().connectRounds() + " connect check(s), "
                    + timing;
        };
    }

    private static String negotiate(CheckSettings c) {
        StringBuilder b = new StringBuilder("negotiate " + c.service().word());
        if (c.service() == ServiceType.NONE) {
            return b.append(" (no real check: always up)").toString();
        }
        if (c.service() == ServiceType.HTTP || c.service() == ServiceType.HTTPS || c.service() == ServiceType.HTTP_PROXY) {
            b.append(' ').append(c.httpMethod());
        }
        b.append(" request \"").append(c.request()).append("\" receive \"").append(c.receive()).append('"');
        c.virtualHost().ifPresent(h -> b.append(" virtualhost ").append(h));
        if (!c.login().isEmpty()) {
            b.append(" login ").append(c.login());
        }
        return b.append(", timeout ").append(c.negotiateTimeoutSeconds()).append(" s").toString();
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
