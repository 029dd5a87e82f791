package org.jheartbeat.agents.kernel.ipvs;

import java.util.List;

/**
 * Prints IPVS state exactly as {@code ipvsadm -L -n} (1.31) does, so that scripts and people
 * who read ipvsadm's output can read jheartbeat's. Numeric only: no name lookups.
 */
public final class IpvsListing {

    private static final String NOT_APPLICABLE = "n/a";
    // widths of the real-server columns, address first
    private static final int[] DEFAULT_COLUMNS = {28, 7, 6, 10, 10};
    private static final int[] THRESHOLD_COLUMNS = {28, 10, 10, 10, 10};
    private static final int[] PERSISTENT_COLUMNS = {28, 9, 11, 10, 10};
    private static final int[] TUNNEL_COLUMNS = {28, 7, 13, 6, 10, 10};

    private final ListingStyle style;
    private final boolean exact;
    private final boolean sorted;

    /**
     * @param exact  {@code --exact}: print counters in full instead of scaling them to K/M/G/T
     * @param sorted false for {@code --nosort}: keep the kernel's order
     */
    public IpvsListing(ListingStyle style, boolean exact, boolean sorted) {
        this.style = style;
        this.exact = exact;
        this.sorted = sorted;
    }

    public IpvsListing(ListingStyle style) {
        this(style, false, true);
    }

    /** {@code ipvsadm -L -n [--stats|--rate|...]}: header, titles, services, real servers. */
    public String format(IpvsTable table) {
        StringBuilder out = new StringBuilder();
        out.append("IP Virtual Server version ").append(table.info().versionText())
                .append(" (size=").append(table.info().connectionTableSize()).append(")\n");
        out.append(titles());
        List<IpvsTable.Row> rows = sorted ? ListingOrder.sort(table.rows(), ListingOrder.SERVICES) : table.rows();
        for (IpvsTable.Row row : rows) {
            appendService(out, row.service());
            List<IpvsDestinationEntry> destinations = sorted
                    ? ListingOrder.sort(row.destinations(), ListingOrder.DESTINATIONS) : row.destinations();
            for (IpvsDestinationEntry destination : destinations) {
                appendDestination(out, destination);
            }
        }
        return out.toString();
    }

    /** {@code ipvsadm -L --daemon}: one line per running daemon, master first; empty when none. */
    public static String formatDaemons(List<SyncDaemon> daemons) {
        StringBuilder out = new StringBuilder();
        for (SyncDaemon.State state : SyncDaemon.State.values()) {
            for (SyncDaemon d : daemons) {
                if (d.state() != state) {
                    continue;
                }
                out.append(state.text()).append(" sync daemon (mcast=").append(d.interfaceName())
                        .append(", syncid=").append(d.syncId());
                if (d.maxMessageLength() != 0) {
                    out.append(", maxlen=").append(d.maxMessageLength());
                }
                d.group().ifPresent(g -> out.append(", group=").append(AddressText.of(g)));
                if (d.port() != 0) {
                    out.append(", port=").append(d.port());
                }
                if (d.ttl() != 0) {
                    out.append(", ttl=").append(d.ttl());
                }
                out.append(")\n");
            }
        }
        return out.toString();
    }

    /** {@code ipvsadm -L --timeout}. */
    public static String formatTimeouts(IpvsTimeouts timeouts) {
        return "Timeout (tcp tcpfin udp): " + timeouts.tcp() + " " + timeouts.tcpFin() + " " + timeouts.udp() + "\n";
    }

    private String titles() {
        return switch (style) {
            case STATS -> "%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n".formatted(
                    "Prot LocalAddress:Port", "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes");
            case RATE -> "%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n".formatted(
                    "Prot LocalAddress:Port", "CPS", "InPPS", "OutPPS", "InBPS", "OutBPS");
            case THRESHOLDS -> "%-33s %-10s %-10s %-10s %-10s\n  -> RemoteAddress:Port\n".formatted(
                    "Prot LocalAddress:Port", "Uthreshold", "Lthreshold", "ActiveConn", "InActConn");
            case PERSISTENT_CONN -> "%-33s %-9s %-11s %-10s %-10s\n  -> RemoteAddress:Port\n".formatted(
                    "Prot LocalAddress:Port", "Weight", "PersistConn", "ActiveConn", "InActConn");
            case TUN_INFO -> "Prot LocalAddress:Port Scheduler Flags\n"
                    + "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n";
            case DEFAULT -> "Prot LocalAddress:Port Scheduler Flags\n"
                    + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n";
        };
    }

    private void appendService(StringBuilder out, IpvsServiceEntry entry) {
        IpvsService service = entry.service();
        String name = serviceName(service.key());
        IpvsStats s = entry.stats();
        switch (style) {
            case STATS -> out.append(padRight(name, 33)).append(number(s.connections()))
                    .append(number(s.inPackets())).append(number(s.outPackets()))
                    .append(number(s.inBytes())).append(number(s.outBytes()));
            case RATE -> out.append(padRight(name, 33)).append(number(s.connectionsPerSecond()))
                    .append(number(s.inPacketsPerSecond())).append(number(s.outPacketsPerSecond()))
                    .append(number(s.inBytesPerSecond())).append(number(s.outBytesPerSecond()));
            default -> appendServiceSettings(out.append(name), service);
        }
        out.append('\n');
    }

    private static void appendServiceSettings(StringBuilder out, IpvsService service) {
        out.append(' ').append(service.scheduler());
        if (service.has(ServiceFlag.SCHED1) || service.has(ServiceFlag.SCHED2) || service.has(ServiceFlag.SCHED3)) {
            out.append(" (").append(schedulerFlags(service)).append(')');
        }
        if (service.has(ServiceFlag.PERSISTENT)) {
            out.append(" persistent ").append(Integer.toUnsignedString(service.persistenceTimeout()));
            IpFamily family = service.key().family();
            if (family == IpFamily.IPV4 && service.netmask() != IpvsService.HOST_MASK_IPV4) {
                out.append(" mask ").append(AddressText.dottedMask(service.netmask()));
            } else if (family == IpFamily.IPV6 && service.netmask() != IpvsService.HOST_PREFIX_IPV6) {
                out.append(" mask ").append(service.netmask());
            }
            if (!service.persistenceEngine().isEmpty()) {
                out.append(" pe ").append(service.persistenceEngine());
            }
        }
        if (service.has(ServiceFlag.ONE_PACKET)) {
            out.append(" ops");
        }
    }

    /** sh and mh give flags 1 and 2 their own names; other schedulers use flag-N. */
    private static String schedulerFlags(IpvsService service) {
        StringBuilder names = new StringBuilder();
        String scheduler = service.scheduler();
        if (scheduler.equals("sh") || scheduler.equals("mh")) {
            if (service.has(ServiceFlag.SCHED1)) {
                names.append(scheduler).append("-fallback,");
            }
            if (service.has(ServiceFlag.SCHED2)) {
                names.append(scheduler).append("-port,");
            }
        } else {
            if (service.has(ServiceFlag.SCHED1)) {
                names.append("flag-1,");
            }
            if (service.has(ServiceFlag.SCHED2)) {
                names.append("flag-2,");
            }
            if (service.has(ServiceFlag.SCHED3)) {
                names.append("flag-3,");
            }
        }
        return names.isEmpty() ? "" : names.substring(0, names.length() - 1);
    }

    private static String serviceName(ServiceKey key) {
        return switch (key) {
            case ServiceKey.FirewallMark f -> "FWM  " + Integer.toUnsignedString(f.mark())
                    + (f.family() == IpFamily.IPV6 ? " IPv6" : "");
            case ServiceKey.Address a -> {
                String name = padRight(a.protocol().listingName(), 4) + " " + AddressText.withPort(a.address(), a.port());
                yield a.family() == IpFamily.IPV4 ? truncate(name, 33) : name;
            }
        };
    }

    private void appendDestination(StringBuilder out, IpvsDestinationEntry entry) {
        IpvsDestination d = entry.destination();
        String name = AddressText.withPort(d.address(), d.port());
        if (d.family() == IpFamily.IPV4) {
            name = truncate(name, 28);
        }
        IpvsStats s = entry.stats();
        String active = Integer.toUnsignedString(entry.activeConnections());
        String inactive = Integer.toUnsignedString(entry.inactiveConnections());
        out.append("  -> ");
        switch (style) {
            case STATS -> out.append(padRight(name, 28)).append(number(s.connections()))
                    .append(number(s.inPackets())).append(number(s.outPackets()))
                    .append(number(s.inBytes())).append(number(s.outBytes()));
            case RATE -> out.append(padRight(name, 28))
                    .append(' ').append(padLeft(Long.toUnsignedString(s.connectionsPerSecond()), 8))
                    .append(' ').append(padLeft(Long.toUnsignedString(s.inPacketsPerSecond()), 8))
                    .append(' ').append(padLeft(Long.toUnsignedString(s.outPacketsPerSecond()), 8))
                    .append(number(s.inBytesPerSecond())).append(number(s.outBytesPerSecond()));
            case THRESHOLDS -> columns(out, THRESHOLD_COLUMNS, name, Integer.toUnsignedString(d.upperThreshold()),
                    Integer.toUnsignedString(d.lowerThreshold()), active, inactive);
            case PERSISTENT_CONN -> columns(out, PERSISTENT_COLUMNS, name, Integer.toUnsignedString(d.weight()),
                    Integer.toUnsignedString(entry.persistentConnections()), active, inactive);
            case TUN_INFO -> columns(out, TUNNEL_COLUMNS, name, d.method().listingName(),
                    d.method() == ForwardMethod.TUNNEL ? truncate(d.tunnel().listingText(), 15) : NOT_APPLICABLE,
                    Integer.toString(d.weight()), active, inactive);
            case DEFAULT -> columns(out, DEFAULT_COLUMNS, name, d.method().listingName(), Integer.toString(d.weight()),
                    active, inactive);
        }
        out.append('\n');
    }

    /** A counter in a 9-character column; from 10^8 on scaled to K, M, G or T unless exact. */
    private String number(long value) {
        String digits = Long.toUnsignedString(value);
        if (exact) {
            return " ".repeat(Math.max(9, digits.length() + 1) - digits.length()) + digits;
        }
        if (Long.compareUnsigned(value, 100_000_000L) < 0) {
            return padLeft(digits, 9);
        }
        if (Long.compareUnsigned(value, 1_000_000_000L) < 0) {
            return padLeft(Long.toString(Long.divideUnsigned(value, 1_000L)), 8) + "K";
        }
        if (Long.compareUnsigned(value, 100_000_000_000L) < 0) {
            return padLeft(Long.toString(Long.divideUnsigned(value, 1_000_000L)), 8) + "M";
        }
        if (Long.compareUnsigned(value, 100_000_000_000_000L) < 0) {
            return padLeft(Long.toString(Long.divideUnsigned(value, 1_000_000_000L)), 8) + "G";
        }
        return padLeft(Long.toString(Long.divideUnsigned(value, 1_000_000_000_000L)), 8) + "T";
    }

    /**
     * Appends the texts as C's {@code "%-W1s %-W2s ..."} would: each left-aligned in its width,
     * separated by one blank; the last column keeps its padding (ipvsadm's trailing blanks).
     */
    private static void columns(StringBuilder out, int[] widths, String... texts) {
        for (int i = 0; i < texts.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(padRight(texts[i], widths[i]));
        }
    }

    /** {@code %-Ns}. */
    private static String padRight(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** {@code %Ns}. */
    private static String padLeft(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }

    private static String truncate(String text, int length) {
        return text.length() > length ? text.substring(0, length) : text;
    }
}
