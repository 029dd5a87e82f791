package org.jheartbeat.core.config;

import java.util.List;

/** respawn, failfast, apiauth and env: the daemon's client programs and who may use its API. */
final class ClientDirectives {

    /** Heartbeat copies the user name into a 64-byte buffer. */
    static final int MAX_USER = 63;
    /** Heartbeat's client_id buffer is 32 bytes. */
    static final int MAX_CLIENT_NAME = 31;

    private static final String RESPAWN_SYNTAX = "respawn USER /full/path/to/program [ARGS...]";
    private static final String APIAUTH_SYNTAX = "Syntax: apiauth client [uid=uidlist] [gid=gidlist]; where uidlist"
            + " is a comma-separated list of uids, and gidlist is a comma-separated list of gids. One or the"
            + " other must be specified.";

    private ClientDirectives() {
    }

    /** respawn or failfast: USER, then an absolute program path and its arguments. */
    static boolean respawn(HaCfState s, Directive d, String rest, int line) {
        List<String> words = HaCfLine.words(rest, HaCfLine.WHITESPACE);
        String syntax = d == Directive.FAILFAST ? RESPAWN_SYNTAX.replace("respawn", "failfast") : RESPAWN_SYNTAX;
        if (words.isEmpty()) {
            s.report.error(line, d.word() + ": missing user and program (" + syntax + ")");
            return false;
        }
        String user = words.get(0);
        String path = words.size() > 1 ? words.get(1) : "";
        if (user.length() > MAX_USER) {
            s.report.error(line, "UID specified for client child is too long (at most " + MAX_USER + " characters)");
            return false;
        }
        if (!path.startsWith("/")) {
            s.report.error(line, "Client child command [" + HaCfReporter.shown(path) + "] is not full pathname ("
                    + syntax + ")");
            return false;
        }
        RespawnClient client = new RespawnClient(user, path, words.subList(2, words.size()), line);
        boolean ipfail = client.isIpfail() && d == Directive.RESPAWN;
        if (!s.host.userExists(user)) {
            if (!ipfail) {
                s.report.error(line, "Invalid uid [" + HaCfReporter.shown(user) + "] specified for client child:"
                        + " no such user in /etc/passwd");
                return false;
            }
            s.report.warning(line, "user [" + HaCfReporter.shown(user) + "] does not exist on this machine;"
                    + " jheartbeat's built-in ipfail runs inside the daemon and does not need it");
        }
        if (!ipfail && !s.host.isExecutable(path)) {
            s.report.error(line, "Client child command [" + HaCfReporter.shown(path) + "] is not executable");
            return false;
        }
        if (d == Directive.FAILFAST) {
            s.report.warning(line, "failfast is not supported by jheartbeat (it never reboots the machine):"
                    + " [" + HaCfReporter.shown(path) + "] is not started; use respawn to run it");
            return true;
        }
        s.respawnClients.add(client);
        return true;
    }

    /** apiauth CLIENT [uid=LIST] [gid=LIST]. */
    static boolean apiauth(HaCfState s, String rest, int line) {
        List<String> words = HaCfLine.words(rest, HaCfLine.WHITESPACE);
        String whole = HaCfReporter.shown(rest.strip());
        if (words.isEmpty()) {
            return badApiauth(s, line, whole, "the client name is missing");
        }
        String client = words.get(0);
        if (client.length() > MAX_CLIENT_NAME) {
            return badApiauth(s, line, whole, "client name [" + HaCfReporter.shown(client) + "] too long (at most "
                    + MAX_CLIENT_NAME + " characters)");
        }
        List<String> uids = null;
        List<String> gids = null;
        for (String word : words.subList(1, words.size())) {
            if (word.startsWith("uid=")) {
                if (uids != null) {
                    return badApiauth(s, line, whole, "Duplicate uid list in apiauth");
                }
                uids = idList(word.substring(4));
            } else if (word.startsWith("gid=")) {
                if (gids != null) {
                    return badApiauth(s, line, whole, "Duplicate gid list in apiauth");
                }
                gids = idList(word.substring(4));
            } else {
                return badApiauth(s, line, whole,
                        "Missing uid or gid in apiauth (at [" + HaCfReporter.shown(word) + "])");
            }
        }
        if (uids == null && gids == null) {
            return badApiauth(s, line, whole, "neither uid= nor gid= is given");
        }
        if (s.apiAuth.containsKey(client)) {
            s.report.error(line, "Duplicate apiauth directive for API client " + HaCfReporter.shown(client) + ": ["
                    + whole + "]");
            return false;
        }
        uids = uids == null ? List.of() : uids;
        gids = gids == null ? List.of() : gids;
        warnUnknownIds(s, line, client, "user", uids);
        warnUnknownIds(s, line, client, "group", gids);
        if (uids.isEmpty() && gids.isEmpty()) {
            s.report.warning(line, "apiauth " + HaCfReporter.shown(client) + ": the uid and gid lists are empty;"
                    + " no process may sign on as this client");
        }
        s.apiAuth.put(client, new ApiAuth(client, uids, gids));
        return true;
    }

    static boolean env(HaCfState s, String value, int line) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            s.report.error(line, "env: invalid nvpair(" + HaCfReporter.shown(value) + "): expected NAME=VALUE");
            return false;
        }
        return true;
    }

    private static boolean badApiauth(HaCfState s, int line, String whole, String reason) {
        s.report.error(line, "Invalid apiauth directive [" + whole + "]: " + reason + ". " + APIAUTH_SYNTAX);
        return false;
    }

    private static List<String> idList(String list) {
        return HaCfLine.words(list, ",");
    }

    /**
     * Heartbeat refuses a name it cannot resolve; jheartbeat warns instead, because the entry is
     * then harmless (it matches nobody) and the well-known accounts (hacluster, haclient) are
     * often missing on machines that never had the Heartbeat package.
     */
    private static void warnUnknownIds(HaCfState s, int line, String client, String kind, List<String> ids) {
        for (String id : ids) {
            boolean numeric = id.chars().allMatch(c -> c >= '0' && c <= '9');
            boolean known = numeric || (kind.equals("user") ? s.host.userExists(id) : s.host.groupExists(id));
            if (!known) {
                s.report.warning(line, "apiauth " + HaCfReporter.shown(client) + ": " + kind + " ["
                        + HaCfReporter.shown(id) + "] does not exist on this machine; it matches nobody");
            }
        }
    }
}
