package org.jheartbeat.cli;

/** {@code cl_status} with no arguments or {@code -h}: what it can be asked. */
final class ClStatusHelp {

    static final String TEXT = """
            usage: cl_status SUB-COMMAND [OPTIONS] [ARGUMENTS]

            Asks the local heartbeat daemon about the cluster. Status words go to stdout,
            one per line; the exit code tells scripts the answer (0 yes/up, 1 no/down or
            heartbeat not running, 11 bad arguments, 12 no answer within 5 s, 13 other error).
            Every sub-command takes -m for a sentence instead of a bare word.

              hbstatus [-v]                 is heartbeat running here? -v adds version, resource
                                            manager and every node with its links
              listnodes [-n] [-p] [-v]      the nodes, last declared first; -n normal nodes only,
                                            -p ping nodes only, -v with status, type and links
              nodestatus NODE               active, up, init, dead or ping (exit 1 unless
                                            active, up or ping)
              nodetype NODE                 normal or ping
              nodeweight NODE               the node's weight (100)
              nodesite NODE                 the node's site (empty)
              listhblinks [-v] NODE         the node's heartbeat links; -v with their status
              hblinkstatus NODE LINK        up or dead (exit 1 when dead)
              clientstatus NODE CLIENT [MS] online, offline, join or leave (exit 0, 1, 2, 3);
                                            waits MS milliseconds for the answer (500)
              rscstatus                     which resource groups this node holds: none, local,
                                            foreign, all, or transition while they move
              hbparameter -p NAME           a ha.cf setting as the daemon runs with it
                                            (deadtime, keepalive, auto_failback, ...)
              -h                            this text
            """;

    private ClStatusHelp() {
    }
}
