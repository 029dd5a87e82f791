package org.jheartbeat.cli;

import java.io.IOException;

/**
 * The workload the launcher records when it builds cl_status's ahead-of-time cache: cl_status's
 * sub-commands against a {@link TrainingDaemon} and against no daemon at all, so that every class
 * a real call loads (socket, parsing, error lines) is in the cache. Prints nothing.
 */
public final class ClStatusTraining {

    private static final String CLUSTER = "ok\nversion\t3.0.6\npacemaker\tfalse\nrsc\tnone\n"
            + "node\tx1\tnormal\tactive\t100\t\nlink\teth0\tup\nnode\tgw\tping\tping\t100\t\nlink\tgw\tup\n";

    private ClStatusTraining() {
    }

    public static void main(String[] args) throws IOException {
        try (TrainingDaemon daemon = TrainingDaemon.start("cl_status", ClStatusTraining::answer)) {
            String[][] calls = {{"hbstatus"}, {"hbstatus", "-v"}, {"listnodes"}, {"nodestatus", "x1"},
                    {"hblinkstatus", "x1", "eth0"}, {"rscstatus"}, {"hbparameter", "-p", "deadtime"},
                    {"clientstatus", "x1", "ipfail"}, {"nodestatus"}, {"bogus"}};
            for (int round = 0; round < 3; round++) {
                for (String[] call : calls) {
                    new ClStatusCommand(TrainingDaemon.SINK, TrainingDaemon.SINK, daemon.runDirectory()).run(call);
                }
                for (String call : new String[] {"hbstatus", "rscstatus"}) {
                    new ClStatusCommand(TrainingDaemon.SINK, TrainingDaemon.SINK, daemon.stoppedRunDirectory())
                            .run(new String[] {call});
                }
            }
        }
    }

    private static String answer(String request) {
        return request.equals("cluster") ? CLUSTER : request.startsWith("client ") ? "ok\nonline\n" : "ok\n6\n";
    }
}
