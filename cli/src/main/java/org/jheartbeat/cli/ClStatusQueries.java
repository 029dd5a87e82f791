package org.jheartbeat.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

import org.jheartbeat.core.control.ClusterReport;
import org.jheartbeat.core.control.ControlAnswer;

/**
 * The cl_status sub-commands that ask a running daemon (all but hbstatus's "is it running"):
 * what they print, on which stream, and their exit codes, as Heartbeat 3.0.6's cl_status.
 * Plain output is one word per line for scripts; {@code -m} gives the sentence forms.
 */
final class ClStatusQueries {

    static final int OK = 0;
    static final int NORMAL_FAIL = 1;
    static final int PARAMETER_ERROR = 11;
    static final int TIMEOUT = 12;
    static final int UNKNOWN_ERROR = 13;

    /** What the queries need from the daemon, one request per call. */
    interface Daemon {
        ClusterReport cluster() throws IOException;

        ControlAnswer parameter(String name) throws IOException;

        ControlAnswer clientStatus(String node, String client, int timeoutMillis) throws IOException;
    }

    private final Daemon daemon;
    private final PrintStream out;
    private final PrintStream err;
    private final CommandLog log;

    ClStatusQueries(Daemon daemon, PrintStream out, PrintStream err, CommandLog log) {
        this.daemon = daemon;
        this.out = out;
        this.err = err;
        this.log = log;
    }

    /** hbstatus on a daemon that answered: plain, or {@code -v} with version and every node. */
    int hbstatus(GetOpt o) throws IOException {
        if (!o.has('v')) {
            out.println("Heartbeat is running on this machine.");
            return OK;
        }
        ClusterReport report = daemon.cluster();
        boolean human = o.has('m');
        if (human) {
            out.println("Heartbeat version " + report.version());
            out.println(report.pacemakerEnabled() ? "Resources controlled by Pacemaker."
                    : "Resources controlled by \"haresources\"");
        } else {
            out.println("version:\t" + report.version());
            out.println(report.pacemakerEnabled() ? "managed by:\tpacemaker\t(" + report.pacemaker() + ")"
                    : "managed by:\t\"haresources\"");
        }
        listNodes(report, false, false, true, human);
        return OK;
    }

    int listnodes(GetOpt o) throws IOException {
        if (!o.ok()) {
            return optionError(o);
        }
        boolean normal = o.has('n');
        boolean ping = o.has('p');
        listNodes(daemon.cluster(), normal && !ping, ping && !normal, o.has('v'), o.has('m'));
        return OK;
    }

    /** Heartbeat walks its node table from the last declared node to the first. */
    private void listNodes(ClusterReport report, boolean normalOnly, boolean pingOnly, boolean verbose, boolean human) {
        if (human) {
            out.println("The nodes are as follow:");
        }
        for (ClusterReport.Node node : report.nodes().reversed()) {
            if (normalOnly && !node.type().equals("normal") || pingOnly && !node.type().equals("ping")) {
                continue;
            }
            if (verbose) {
                out.println();
                out.println(node.name() + "\t" + node.status() + "\t(nodetype: " + node.type() + ")");
                listLinks(node, true, human);
            } else {
                out.println(node.name());
            }
        }
    }

    private void listLinks(ClusterReport.Node node, boolean verbose, boolean human) {
        if (human) {
            out.println("\tthis node has the following heartbeat links:");
        }
        for (ClusterReport.Link link : node.links()) {
            out.println(verbose ? "\t" + link.name() + "\t" + link.status() : "\t" + link.name());
        }
    }

    int nodestatus(GetOpt o) throws IOException {
        Optional<ClusterReport.Node> node = oneNode(o, "Not enough parameters.", "Error. May be due to incorrect node name");
        if (node.isEmpty()) {
            return PARAMETER_ERROR;
        }
        String status = node.get().status();
        out.println(o.has('m') ? "The cluster node " + o.operands().getFirst() + " is " + status : status);
        return status.equals("active") || status.equals("up") || status.equals("ping") ? OK : NORMAL_FAIL;
    }

    int nodeweight(GetOpt o) throws IOException {
        Optional<ClusterReport.Node> node = oneNode(o, "Not enough parameters.", "Error. Maybe due to incorrect node name.");
        if (node.isEmpty()) {
            return PARAMETER_ERROR;
        }
        int weight = node.get().weight();
        out.println(o.has('m') ? "The weight of the cluster node " + o.operands().getFirst() + " is " + weight
                : Integer.toString(weight));
        return OK;
    }

    int nodesite(GetOpt o) throws IOException {
        Optional<ClusterReport.Node> node = oneNode(o, "Not enough parameters.", "Error. May be due to incorrect node name");
        if (node.isEmpty()) {
            return PARAMETER_ERROR;
        }
        String site = node.get().site();
        out.println(o.has('m') ? "The site of the cluster node " + o.operands().getFirst() + " is " + site : site);
        return OK;
    }

    int nodetype(GetOpt o) throws IOException {
        Optional<ClusterReport.Node> node = oneNode(o, "No enough parameter.", "Error. May be due to incorrect node name");
        if (node.isEmpty()) {
            return PARAMETER_ERROR;
        }
        String type = node.get().type();
        out.println(o.has('m') ? "The node " + o.operands().getFirst() + "'s type: " + type : type);
        return OK;
    }

    /**
     * The node named by the first operand, or empty after saying what is wrong (a bad option,
     * {@code missing} operand, {@code unknown} node): all three are parameter errors.
     */
    private Optional<ClusterReport.Node> oneNode(GetOpt o, String missing, String unknown) throws IOException {
        if (!o.ok()) {
            optionError(o);
            return Optional.empty();
        }
        if (o.operands().isEmpty()) {
            err.println(missing);
            return Optional.empty();
        }
        Optional<ClusterReport.Node> node = daemon.cluster().node(o.operands().getFirst());
        if (node.isEmpty()) {
            err.println(unknown);
        }
        return node;
    }

    int listhblinks(GetOpt o) throws IOException {
        if (!o.ok()) {
            return optionError(o);
        }
        if (o.operands().isEmpty()) {
            err.println("No enough parameter.");
            return PARAMETER_ERROR;
        }
        String name = o.operands().getFirst();
        Optional<ClusterReport.Node> node = daemon.cluster().node(name);
        if (node.isEmpty()) {
            log.error("Cannot start heartbeat link interface walk.");
            log.error("REASON: unknown node " + name);
            return UNKNOWN_ERROR;
        }
        listLinks(node.get(), o.has('v'), o.has('m'));
        return OK;
    }

    int hblinkstatus(GetOpt o) throws IOException {
        if (!o.ok()) {
            return optionError(o);
        }
        if (o.operands().size() < 2) {
            err.println("No enough parameter.");
            return PARAMETER_ERROR;
        }
        String nodeName = o.operands().get(0);
        String linkName = o.operands().get(1);
        Optional<ClusterReport.Link> link = daemon.cluster().node(nodeName).flatMap(n -> n.link(linkName));
        if (link.isEmpty()) {
            log.error("Cannot get heartbeat link status");
            log.error("REASON: ");
            return UNKNOWN_ERROR;
        }
        String status = link.get().status();
        out.println(o.has('m') ? "The node " + nodeName + "'s heartbeat link " + linkName + " is " + status : status);
        return status.equals("up") ? OK : NORMAL_FAIL;
    }

    int clientstatus(GetOpt o) throws IOException {
        if (!o.ok()) {
            return optionError(o);
        }
        if (o.operands().size() < 2) {
            err.println("No enough parameter.");
            return PARAMETER_ERROR;
        }
        String client = o.operands().get(1);
        int timeout = o.operands().size() > 2 ? leadingInt(o.operands().get(2)) : 500;
        ControlAnswer answer = daemon.clientStatus(o.operands().get(0), client, timeout);
        if (!answer.ok()) {
            log.error("Cannot get heartbeat client " + client + "'s status");
            log.error("REASON: " + answer.reason());
            return UNKNOWN_ERROR;
        }
        String status = answer.value();
        out.println(status);
        return switch (status) {
            case "online" -> OK;
            case "offline" -> NORMAL_FAIL;
            case "join" -> 2;
            case "leave" -> 3;
            default -> UNKNOWN_ERROR;
        };
    }

    int rscstatus(GetOpt o) throws IOException {
        if (!o.ok()) {
            return optionError(o);
        }
        ClusterReport report = daemon.cluster();
        if (report.pacemakerEnabled()) {
            log.error("Cannot get cluster resource status of a pacemaker cluster; try crm_mon");
            return NORMAL_FAIL;
        }
        String held = report.rscStatus();
        out.println(o.has('m') ? "This node is holding " + held + " resources." : held);
        return OK;
    }

    int hbparameter(GetOpt o) throws IOException {
        if (!o.ok()) {
            return optionError(o);
        }
        if (!o.has('p')) {
            log.error("parameter name required");
            return PARAMETER_ERROR;
        }
        String name = o.value('p');
        ControlAnswer answer = daemon.parameter(name);
        if (!answer.ok()) {
            log.error("Cannot get parameter " + name + "'s value");
            log.error("REASON: " + answer.reason());
            return NORMAL_FAIL;
        }
        out.println(o.has('m') ? "Heartbeat parameter " + name + "'s value: " + answer.value() : answer.value());
        return OK;
    }

    /** getopt's own complaints, then ours in log format. */
    private int optionError(GetOpt o) {
        for (String problem : o.problems()) {
            err.println(problem);
        }
        log.error("bad option; see cl_status -h");
        return PARAMETER_ERROR;
    }

    /** C's atoi: the leading digits (with a sign), 0 when there are none. */
    static int leadingInt(String text) {
        int i = 0;
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i++) == '-';
        }
        long value = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && value <= Integer.MAX_VALUE) {
            value = value * 10 + (text.charAt(i++) - '0');
        }
        return (int) Math.min(Integer.MAX_VALUE, negative ? -value : value);
    }
}
