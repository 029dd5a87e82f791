package org.jheartbeat.core.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The heartbeat media (bcast, mcast, ucast) and their settings (udpport), plus the media
 * Heartbeat has and jheartbeat does not (serial, IPv6).
 *
 * <p>Heartbeat's bcast and ucast plug-ins each read udpport once, when their first medium is
 * created, and keep that port for every later line; a udpport line after the first bcast or
 * ucast line therefore does not change those media. That is reproduced, with a warning.
 */
final class MediaDirectives {

    static final int DEFAULT_UDP_PORT = 694;
    static final String HA_SERVICE = "ha-cluster";

    private static final String MCAST_SYNTAX = "mcast IF GROUP PORT TTL LOOP, e.g. mcast eth0 239.0.0.1 694 1 0";
    private static final String UCAST_SYNTAX = "ucast IF PEER, e.g. ucast eth1 10.0.0.2";

    private MediaDirectives() {
    }

    static boolean udpport(HaCfState s, String value, int line) {
        OptionalInt port = Numbers.parseInt(value);
        if (port.isEmpty() || port.getAsInt() <= 0 || port.getAsInt() > 65535) {
            s.report.error(line, "invalid port [" + HaCfReporter.shown(value) + "] specified: expected 1..65535");
            return false;
        }
        int p = port.getAsInt();
        s.host.udpServiceName(p).filter(name -> !name.equals(HA_SERVICE)).ifPresent(name ->
                s.report.warning(line, "udp port " + value + " reserved for service \"" + name + "\"."));
        if (s.bcastPort != 0 || s.ucastPort != 0) {
            StringBuilder used = new StringBuilder();
            if (s.bcastPort != 0) {
                used.append("bcast (line ").append(s.firstBcastLine).append(") already uses port ").append(s.bcastPort);
            }
            if (s.ucastPort != 0) {
                used.append(used.isEmpty() ? "" : " and ").append("ucast (line ").append(s.firstUcastLine)
                        .append(") already uses port ").append(s.ucastPort);
            }
            s.report.warning(line, "udpport setting must precede media statements: " + used
                    + "; Heartbeat reads udpport once, at the first bcast/ucast line, so those media keep"
                    + " their port (move udpport above the media lines)");
        }
        s.udpPort = p;
        s.udpPortLine = line;
        return true;
    }

    static boolean bcast(HaCfState s, String value, int line) {
        Optional<String> bad = HostSyntax.interfaceNameProblem(value);
        if (bad.isPresent()) {
            s.report.error(line, "bcast: bad interface name [" + HaCfReporter.shown(value) + "]: " + bad.get());
            return false;
        }
        if (s.bcastPort == 0) {
            s.bcastPort = currentPort(s);
            s.firstBcastLine = line;
        }
        return s.addMedium(new BcastMedium(value, s.bcastPort, line), "bcast", value, line);
    }

    static boolean mcast(HaCfState s, String rest, int line) {
        List<String> f = HaCfLine.words(rest, HaCfLine.WHITESPACE);
        if (f.isEmpty()) {
            s.report.error(line, "mcast: missing interface (" + MCAST_SYNTAX + ")");
            return false;
        }
        String dev = HaCfReporter.shown(f.get(0));
        Optional<String> badDev = HostSyntax.interfaceNameProblem(f.get(0));
        if (badDev.isPresent()) {
            s.report.error(line, "mcast device [" + dev + "] is invalid or not set up properly: " + badDev.get());
            return false;
        }
        if (f.size() < 2) {
            return mcastError(s, line, dev, "missing mcast address (" + MCAST_SYNTAX + ")");
        }
        Optional<InetAddress> group = HostSyntax.ipv4(f.get(1)).filter(HostSyntax::isIpv4Multicast);
        if (group.isEmpty()) {
            return mcastError(s, line, dev, "bad addr [" + HaCfReporter.shown(f.get(1))
                    + "]: expected an IPv4 multicast address, 224.0.0.0 to 239.255.255.255");
        }
        if (f.size() < 3) {
            return mcastError(s, line, dev, "missing port (" + MCAST_SYNTAX + ")");
        }
        OptionalInt port = Numbers.parseInRange(f.get(2), 1, 65535);
        if (port.isEmpty()) {
            return mcastError(s, line, dev, "bad port [" + HaCfReporter.shown(f.get(2)) + "]: expected 1..65535");
        }
        if (f.size() < 4) {
            return mcastError(s, line, dev, "missing ttl (" + MCAST_SYNTAX + ")");
        }
        OptionalInt ttl = Numbers.parseInRange(f.get(3), 0, 4);
        if (ttl.isEmpty()) {
            return mcastError(s, line, dev, "bad ttl [" + HaCfReporter.shown(f.get(3))
                    + "]: Heartbeat accepts a TTL of 0..4 only (1 keeps packets on the local network)");
        }
        if (f.size() < 5) {
            return mcastError(s, line, dev, "missing loop (" + MCAST_SYNTAX + ")");
        }
        OptionalInt loop = Numbers.parseInRange(f.get(4), 0, 1);
        if (loop.isEmpty()) {
            return mcastError(s, line, dev, "bad loop [" + HaCfReporter.shown(f.get(4)) + "]: expected 0 or 1");
        }
        if (f.size() > 5) {
            s.report.warning(line, "mcast [" + dev + "]: text after the five fields is ignored: ["
                    + HaCfReporter.shown(String.join(" ", f.subList(5, f.size()))) + "]");
        }
        return s.addMedium(new McastMedium(f.get(0), group.get(), port.getAsInt(), ttl.getAsInt(),
                loop.getAsInt() == 1, line), "mcast", rest.strip(), line);
    }

    private static boolean mcastError(HaCfState s, int line, String dev, String what) {
        s.report.error(line, "mcast [" + dev + "] " + what);
        return false;
    }

    static boolean ucast(HaCfState s, String rest, int line) {
        List<String> f = HaCfLine.words(rest, HaCfLine.WHITESPACE);
        if (f.isEmpty()) {
            s.report.error(line, "ucast: missing interface and target (" + UCAST_SYNTAX + ")");
            return false;
        }
        String dev = HaCfReporter.shown(f.get(0));
        Optional<String> badDev = HostSyntax.interfaceNameProblem(f.get(0));
        if (badDev.isPresent()) {
            s.report.error(line, "ucast: interface [" + dev + "] is not a valid interface name: " + badDev.get());
            return false;
        }
        if (f.size() < 2) {
            s.report.error(line, "ucast: [" + dev + "] missing target IP address/hostname (" + UCAST_SYNTAX + ")");
            return false;
        }
        Optional<String> badPeer = HostSyntax.hostProblem(f.get(1));
        if (badPeer.isPresent()) {
            s.report.error(line, "ucast: [" + dev + "] bad target [" + HaCfReporter.shown(f.get(1)) + "]: " + badPeer.get());
            return false;
        }
        if (f.size() > 2) {
            s.report.warning(line, "ucast [" + dev + "]: only one peer per line is used; ["
                    + HaCfReporter.shown(String.join(" ", f.subList(2, f.size())))
                    + "] is ignored (write one ucast line per peer)");
        }
        if (s.ucastPort == 0) {
            s.ucastPort = currentPort(s);
            s.firstUcastLine = line;
        }
        return s.addMedium(new UcastMedium(f.get(0), f.get(1), s.ucastPort, line), "ucast", rest.strip(), line);
    }

    static boolean ping(HaCfState s, String value, int line) {
        Optional<String> bad = HostSyntax.hostProblem(value);
        if (bad.isPresent()) {
            s.report.error(line, "ping: bad ping node [" + HaCfReporter.shown(value) + "]: " + bad.get());
            return false;
        }
        if (s.isPingNodeName(value)) {
            s.report.warning(line, "ping node [" + value + "] is declared more than once; the repeat is ignored");
            return true;
        }
        if (!s.roomForNode(value, line) || !s.roomForMedium("ping", value, line)) {
            return false;
        }
        s.pingTargets.add(new PingNode(value, line));
        return true;
    }

    static boolean pingGroup(HaCfState s, String rest, int line) {
        List<String> f = HaCfLine.words(rest, HaCfLine.WHITESPACE);
        if (f.isEmpty()) {
            s.report.error(line, "ping_group: missing group name and addresses (ping_group NAME ADDR [ADDR...])");
            return false;
        }
        String name = f.get(0);
        if (f.size() < 2) {
            s.report.error(line, "ping_group [" + HaCfReporter.shown(name) + "]: no addresses given (ping_group NAME ADDR [ADDR...])");
            return false;
        }
        boolean ok = true;
        for (String address : f.subList(1, f.size())) {
            Optional<String> bad = HostSyntax.hostProblem(address);
            if (bad.isPresent()) {
                s.report.error(line, "ping_group [" + HaCfReporter.shown(name) + "]: bad address ["
                        + HaCfReporter.shown(address) + "]: " + bad.get());
                ok = false;
            }
        }
        if (!ok) {
            return false;
        }
        if (s.isPingNodeName(name)) {
            s.report.error(line, "ping_group [" + HaCfReporter.shown(name) + "]: a ping node of that name already exists");
            return false;
        }
        if (!s.roomForNode(name, line) || !s.roomForMedium("ping_group", rest.strip(), line)) {
            return false;
        }
        s.pingTargets.add(new PingGroup(name, f.subList(1, f.size()), line));
        return true;
    }

    static boolean serial(HaCfState s, String value, int line) {
        s.report.error(line, "serial [" + HaCfReporter.shown(value) + "]: serial media are not supported by jheartbeat;"
                + " connect the directors with a crossover Ethernet cable and use a ucast line on that link"
                + " instead (" + UCAST_SYNTAX + ")");
        return false;
    }

    static boolean baud(HaCfState s, String value, int line) {
        if (s.baudSeen) {
            s.report.error(line, "Baudrate multiply specified.");
            return false;
        }
        s.baudSeen = true;
        if (Numbers.parseInt(value).stream().noneMatch(b -> b == 9600 || b == 19200 || b == 38400
                || b == 57600 || b == 115200 || b == 230400 || b == 460800)) {
            s.report.error(line, "invalid baudrate [" + HaCfReporter.shown(value) + "] specified:"
                    + " expected 9600, 19200, 38400, 57600, 115200, 230400 or 460800");
            return false;
        }
        s.report.warning(line, "baud has no effect in jheartbeat: it only sets the speed of serial media,"
                + " which jheartbeat does not support");
        return true;
    }

    /** mcast6 and ucast6 are checked for their fields, then ignored: other media carry heartbeats. */
    static boolean ipv6Medium(HaCfState s, Directive d, String rest, int line) {
        List<String> f = HaCfLine.words(rest, HaCfLine.WHITESPACE);
        String word = d.word();
        String[] fields = d == Directive.MCAST6
                ? new String[] {"mcast6 address", "port", "hops", "loop"} : new String[] {"ucast6 address"};
        if (f.isEmpty()) {
            s.report.error(line, word + " statement without device");
            return false;
        }
        for (int i = 0; i < fields.length; i++) {
            if (f.size() <= i + 1) {
                s.report.error(line, word + " [" + HaCfReporter.shown(f.get(0)) + "] missing " + fields[i]);
                return false;
            }
        }
        s.report.warning(line, word + " is not supported by jheartbeat (IPv4 media only): this line is ignored"
                + " and heartbeats use the other media lines; use mcast or ucast with IPv4 addresses");
        return true;
    }

    static boolean ping6(HaCfState s, String value, int line) {
        s.report.error(line, "ping6 [" + HaCfReporter.shown(value) + "]: IPv6 ping nodes are not supported by"
                + " jheartbeat; use ping with an IPv4 address (ping nodes decide where ipfail moves resources,"
                + " so this line cannot simply be ignored)");
        return false;
    }

    /** The udpport in effect now: the last accepted udpport line, else the services database, else 694. */
    static int currentPort(HaCfState s) {
        return s.udpPort != null ? s.udpPort : defaultPort(s.host);
    }

    static int defaultPort(HostDatabase host) {
        return host.udpServicePort(HA_SERVICE).orElse(DEFAULT_UDP_PORT);
    }
}
