package org.jheartbeat.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The workload the launcher records when it builds the ahead-of-time cache of hb_standby and
 * hb_takeover (one cache: same jars, same code): both commands with every argument, accepted and
 * refused by a {@link TrainingDaemon}, and against no daemon. Prints nothing.
 */
public final class StandbyRequestTraining {

    private StandbyRequestTraining() {
    }

    public static void main(String[] args) throws IOException {
        try (TrainingDaemon daemon = TrainingDaemon.start("hb_standby",
                request -> request.endsWith(" local") ? "error Other side is in flux\n" : "ok\n")) {
            String[][] calls = {{}, {"all"}, {"foreign"}, {"local"}, {"failback"}, {"bogus"}, {"all", "more"}};
            for (int round = 0; round < 3; round++) {
                for (StandbyRequestCommand.Kind kind : StandbyRequestCommand.Kind.values()) {
                    for (String[] call : calls) {
                        command(kind, daemon.runDirectory()).run(call);
                    }
                    command(kind, daemon.stoppedRunDirectory()).run(new String[] {"all"});
                }
            }
        }
    }

    private static StandbyRequestCommand command(StandbyRequestCommand.Kind kind, Path runDirectory) {
        return new StandbyRequestCommand(kind, kind.program, TrainingDaemon.SINK, TrainingDaemon.SINK, runDirectory);
    }
}
