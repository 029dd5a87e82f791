package org.jheartbeat.core.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jheartbeat.core.membership.MembershipSnapshot;

/**
 * Everything {@code cl_status} shows except parameters and client status, in one answer so that
 * one round trip serves every sub-command. On the wire, tab-separated lines (names never contain
 * white space, ha.cf splits on it; the site may be empty):
 * <pre>
 * version  3.0.6 (jheartbeat 0.1.0)
 * pacemaker  false
 * rsc  none
 * node  x1  normal  active  100  (site)
 * link  eth0  up
 * </pre>
 * Nodes come in declaration order, each followed by its links.
 *
 * @param pacemaker the pacemaker/crm value of ha.cf as written ({@code false} when absent)
 * @param rscStatus what {@code cl_status rscstatus} prints
 */
public record ClusterReport(String version, String pacemaker, String rscStatus, List<Node> nodes) {

    /** Heartbeat 3.0.6 gives every node weight 100 and an empty site; ha.cf cannot change them. */
    static final int DEFAULT_WEIGHT = 100;
    static final String DEFAULT_SITE = "";

    public ClusterReport {
        nodes = List.copyOf(nodes);
    }

    public record Node(String name, String type, String status, int weight, String site, List<Link> links) {
        public Node {
            links = List.copyOf(links);
        }

        public Optional<Link> link(String linkName) {
            for (Link link : links) {
                if (link.name().equals(linkName)) {
                    return Optional.of(link);
                }
            }
            return Optional.empty();
        }
    }

    public record Link(String name, String status) {
    }

    /** Node names are compared as Heartbeat does: case-insensitively (ha.cf lower-cases them). */
    public Optional<Node> node(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Node node : nodes) { // loops rather than streams: cl_status loads this at every start
            if (node.name().equals(wanted)) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }

    public boolean pacemakerEnabled() {
        return switch (pacemaker.toLowerCase(Locale.ROOT)) {
            case "false", "off", "no", "n", "0" -> false;
            default -> true;
        };
    }

    static ClusterReport of(String version, String pacemaker, String rscStatus, MembershipSnapshot membership) {
        List<Node> nodes = new ArrayList<>();
        for (MembershipSnapshot.NodeView node : membership.nodes()) {
            nodes.add(new Node(node.name(), node.type().word(), node.status().word(), DEFAULT_WEIGHT, DEFAULT_SITE,
                    node.links().stream().map(l -> new Link(l.name(), l.status().word())).toList()));
        }
        return new ClusterReport(version, pacemaker, rscStatus, nodes);
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("version\t" + version);
        lines.add("pacemaker\t" + pacemaker);
        lines.add("rsc\t" + rscStatus);
        for (Node node : nodes) {
            lines.add("node\t" + node.name() + "\t" + node.type() + "\t" + node.status() + "\t" + node.weight()
                    + "\t" + node.site());
            for (Link l : node.links()) {
                lines.add("link\t" + l.name() + "\t" + l.status());
            }
        }
        return lines;
    }

    /** Reads the body of a {@code cluster} answer. */
    public static ClusterReport parse(List<String> lines) {
        String version = "unknown";
        String pacemaker = "false";
        String rsc = "";
        List<Node> nodes = new ArrayList<>();
        List<Link> links = null;
        String[] pending = null;
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "version" -> version = field(f, 1, line);
                case "pacemaker" -> pacemaker = field(f, 1, line);
                case "rsc" -> rsc = field(f, 1, line);
                case "node" -> {
                    if (pending != null) {
                        nodes.add(node(pending, links));
                    }
                    field(f, 5, line);
                    pending = f;
                    links = new ArrayList<>();
                }
                case "link" -> {
                    if (links == null) {
                        throw new IllegalArgumentException("link before any node: " + line);
                    }
                    links.add(new Link(f[1], field(f, 2, line)));
                }
                default -> throw new IllegalArgumentException("unexpected line: " + line);
            }
        }
        if (pending != null) {
            nodes.add(node(pending, links));
        }
        return new ClusterReport(version, pacemaker, rsc, nodes);
    }

    private static Node node(String[] f, List<Link> links) {
        return new Node(f[1], f[2], f[3], Integer.parseInt(f[4]), f[5], links);
    }

    private static String field(String[] f, int i, String line) {
        if (f.length <= i) {
            throw new IllegalArgumentException("missing field " + i + ": " + line);
        }
        return f[i];
    }
}
