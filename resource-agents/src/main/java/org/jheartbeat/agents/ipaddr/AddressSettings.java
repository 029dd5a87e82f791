package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.agents.kernel.GratuitousArp;
import org.jheartbeat.agents.kernel.MacAddress;
import org.jheartbeat.agents.kernel.Prefixes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The parameters of an address agent after checking, before looking at the kernel.
 *
 * @param ip               the address
 * @param nic              the interface the operator named (without a {@code :label} suffix)
 * @param labelSuffix      the label's part after {@code NIC:}
 * @param prefixLength     the netmask the operator gave
 * @param broadcast        {@code +}, {@code -} or a dotted quad, as given
 * @param lvsSupport       move the address from/to {@code lo} on start/stop
 * @param arpCount         request/reply pairs sent on start
 * @param arpInterval      time between pairs
 * @param arpBackground    send them without waiting
 * @param arpCountRefresh  pairs re-sent on every monitor
 * @param arpMac           the MAC to announce, when not the interface's own
 * @param noPrefixRoute    add with {@code noprefixroute}
 * @param runArping        check for a duplicate address before adding
 * @param networkNamespace run in this named network namespace
 */
record AddressSettings(Inet4Address ip, Optional<String> nic, Optional<String> labelSuffix, OptionalInt prefixLength,
                       Optional<String> broadcast, boolean lvsSupport, int arpCount, Duration arpInterval,
                       boolean arpBackground, int arpCountRefresh, Optional<MacAddress> arpMac, boolean noPrefixRoute,
                       boolean runArping, Optional<String> networkNamespace) {

    private static final Logger LOG = LoggerFactory.getLogger(AddressSettings.class);
    private static final int MAX_LABEL = 15;
    private static final Set<String> ARP_SENDERS = Set.of("send_arp", "iputils_arping", "libnet_arping", "ipoibarping");

    /** IPaddr2's parameters (resource-agents spec §4.1, §4.2). */
    static AddressSettings ipaddr2(Map<String, String> p) throws AgentFailure {
        Inet4Address ip = ip(p, "IPaddr2");
        Nic nic = nic(p);
        Optional<String> label = OcfValues.value(p, "iflabel").or(nic::label);
        checkLabel(nic.base(), label);
        int interval = positive(p, "arp_interval", (int) GratuitousArp.DEFAULT_INTERVAL.toMillis());
        int count = positive(p, "arp_count", GratuitousArp.DEFAULT_COUNT);
        int refresh = OcfValues.value(p, "arp_count_refresh")
                .map(v -> OcfValues.nonNegative(v).orElse(-1)).orElse(0);
        if (refresh < 0) {
            throw AgentFailure.configured("Invalid OCF_RESKEY_arp_count_refresh [" + p.get("arp_count_refresh") + "]");
        }
        Optional<String> sender = OcfValues.value(p, "arp_sender");
        if (sender.isPresent() && !ARP_SENDERS.contains(sender.get())) {
            throw AgentFailure.configured("unrecognized arp_sender value: " + sender.get());
        }
        Optional<String> preferred = Optional.ofNullable(p.get("preferred_lft"));
        if (preferred.isPresent() && !preferred.get().equals("forever")
                && OcfValues.nonNegative(preferred.get()).isEmpty()) {
            throw AgentFailure.configured("Invalid OCF_RESKEY_preferred_lft [" + preferred.get() + "]");
        }
        return new AddressSettings(ip, nic.base(), label, netmask(p), broadcast(p),
                OcfValues.isTrue(p, "lvs_support", false), count, Duration.ofMillis(interval),
                OcfValues.isTrue(p, "arp_bg", true), refresh, arpMac(p),
                OcfValues.isTrue(p, "noprefixroute", false), OcfValues.isTrue(p, "run_arping", false),
                OcfValues.value(p, "network_namespace"));
    }

    /** IPaddr's parameters (resource-agents spec §5): nic defaults to eth0, slower and longer ARP bursts. */
    static AddressSettings ipaddr(Map<String, String> p) throws AgentFailure {
        Inet4Address ip = ip(p, "IPaddr");
        Nic nic = nic(p);
        int interval = positive(p, "ARP_INTERVAL_MS", 500);
        int count = positive(p, "ARP_REPEAT", 10);
        return new AddressSettings(ip, nic.base().or(() -> Optional.of("eth0")), Optional.empty(), netmask(p),
                broadcast(p), OcfValues.isTrue(p, "lvs_support", false), count, Duration.ofMillis(interval),
                OcfValues.isTrue(p, "ARP_BACKGROUND", true), 0, Optional.empty(), false, false, Optional.empty());
    }

    /** Whether the operator gave an {@code ip} at all (stop tolerates its absence). */
    static boolean hasIp(Map<String, String> p) {
        return OcfValues.value(p, "ip").isPresent();
    }

    private static Inet4Address ip(Map<String, String> p, String agent) throws AgentFailure {
        String text = OcfValues.value(p, "ip")
                .orElseThrow(() -> AgentFailure.configured("IP address (the ip parameter) is mandatory"));
        if (OcfValues.looksLikeIpv6(text)) {
            throw AgentFailure.configured("IPv6 address [" + text + "] is not supported: jheartbeat's " + agent
                    + " manages IPv4 addresses only");
        }
        return OcfValues.ipv4(text).orElseThrow(() -> AgentFailure.configured("IP address [" + text + "] not valid."));
    }

    private record Nic(Optional<String> base, Optional<String> label) {
    }

    private static Nic nic(Map<String, String> p) {
        Optional<String> given = OcfValues.value(p, "nic");
        if (given.isEmpty()) {
            return new Nic(Optional.empty(), Optional.empty());
        }
        String text = given.get();
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new Nic(given, Optional.empty());
        }
        String label = text.substring(colon + 1);
        return new Nic(Optional.of(text.substring(0, colon)), label.isEmpty() ? Optional.empty() : Optional.of(label));
    }

    static void checkLabel(Optional<String> nic, Optional<String> label) throws AgentFailure {
        if (label.isPresent()) {
            String full = nic.orElse("") + ":" + label.get();
            if (full.length() > MAX_LABEL) {
                throw AgentFailure.configured("Interface label [" + full + "] exceeds maximum character limit of 15");
            }
        }
    }

    private static OptionalInt netmask(Map<String, String> p) throws AgentFailure {
        Optional<String> given = OcfValues.value(p, "cidr_netmask");
        if (given.isEmpty()) {
            return OptionalInt.empty();
        }
        String text = given.get();
        OptionalInt number = OcfValues.nonNegative(text);
        if (number.isPresent() && number.getAsInt() >= 1 && number.getAsInt() <= 32) {
            return number;
        }
        Optional<Inet4Address> dotted = OcfValues.ipv4(text);
        if (dotted.isPresent()) {
            int length = Prefixes.prefixLength(dotted.get());
            if (length >= 1) {
                LOG.warn("Please convert dotted quad netmask {} to CIDR notation {}!", text, length);
                return OptionalInt.of(length);
            }
            LOG.warn("Bogus netmask: {}", text);
        }
        throw AgentFailure.configured("Invalid netmask specification [" + text + "].");
    }

    private static Optional<String> broadcast(Map<String, String> p) throws AgentFailure {
        Optional<String> given = OcfValues.value(p, "broadcast");
        if (given.isPresent() && !given.get().equals("+") && !given.get().equals("-")
                && OcfValues.ipv4(given.get()).isEmpty()) {
            throw AgentFailure.configured("Invalid broadcast address [" + given.get() + "].");
        }
        return given;
    }

    private static int positive(Map<String, String> p, String name, int defaultValue) throws AgentFailure {
        Optional<String> given = OcfValues.value(p, name);
        if (given.isEmpty()) {
            return defaultValue;
        }
        OptionalInt value = OcfValues.nonNegative(given.get());
        if (value.isEmpty() || value.getAsInt() == 0) {
            throw AgentFailure.configured("Invalid OCF_RESKEY_" + name + " [" + given.get() + "]");
        }
        return value.getAsInt();
    }

    private static Optional<MacAddress> arpMac(Map<String, String> p) throws AgentFailure {
        Optional<String> given = OcfValues.value(p, "arp_mac").filter(v -> !v.equals("auto"));
        if (given.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MacAddress.parse(given.get()));
        } catch (IllegalArgumentException e) {
            throw AgentFailure.configured("Invalid OCF_RESKEY_arp_mac [" + given.get() + "]");
        }
    }

    /** {@code NIC:SUFFIX} for the given interface, or empty for the kernel's default label. */
    String labelFor(String nicName) {
        return labelSuffix.map(suffix -> nicName + ":" + suffix).orElse("");
    }
}
