package org.jheartbeat.core.config;

/** node and autojoin: which machines belong to the cluster. */
final class NodeDirectives {

    /** Heartbeat's HOSTLENG: node names are kept in a 100-byte buffer with its terminator. */
    static final int MAX_NODE_NAME = 99;

    private NodeDirectives() {
    }

    static boolean node(HaCfState s, String value, int line) {
        String name = Ascii.lower(value);
        if (name.length() > MAX_NODE_NAME) {
            s.report.error(line, "node name [" + HaCfReporter.shown(value) + "] is too long: at most "
                    + MAX_NODE_NAME + " characters");
            return false;
        }
        if (s.nodes.contains(name)) {
            s.report.warning(line, "node [" + name + "] is declared more than once; the repeat is ignored");
            return true;
        }
        if (!s.roomForNode(name, line)) {
            return false;
        }
        s.nodes.add(name);
        return true;
    }

    static boolean autojoin(HaCfState s, String value, int line) {
        Autojoin mode = switch (Ascii.lower(value)) {
            case "none" -> Autojoin.NONE;
            case "other" -> Autojoin.OTHER;
            case "any" -> Autojoin.ANY;
            default -> null;
        };
        if (mode == null) {
            s.report.error(line, "Invalid autojoin directive [" + HaCfReporter.shown(value)
                    + "]: expected none, other or any");
            return false;
        }
        s.autojoin = mode;
        s.autojoinLine = line;
        return true;
    }
}
