package org.jheartbeat.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;

import org.jheartbeat.core.control.ControlAnswer;
import org.jheartbeat.core.control.ControlClient;
import org.jheartbeat.core.control.ControlRequest;
import org.jheartbeat.core.policy.StandbyArgument;

/**
 * {@code hb_standby} and {@code hb_takeover}: check the one optional argument the way
 * Heartbeat's scripts do, then hand the request to the running daemon and report its verdict.
 * Exit 0 when the daemon accepted it, 1 for a bad argument, a refusal or no daemon.
 */
final class StandbyRequestCommand {

    /** Which of the two commands this is: its name and its control request verb. */
    enum Kind {
        STANDBY("hb_standby", "standby"), TAKEOVER("hb_takeover", "takeover");

        final String program;
        final String verb;

        Kind(String program, String verb) {
            this.program = program;
            this.verb = verb;
        }
    }

    /** The daemon answers once its loop has queued the request; this only guards against a hung daemon. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    static final int EXIT_FAILED = 1;

    private final Kind kind;
    private final String invokedAs;
    private final PrintStream out;
    private final PrintStream err;
    private final Path runDirectory;

    StandbyRequestCommand(Kind kind, String invokedAs, PrintStream out, PrintStream err, Path runDirectory) {
        this.kind = kind;
        this.invokedAs = invokedAs;
        this.out = out;
        this.err = err;
        this.runDirectory = runDirectory;
    }

    static void main(Kind kind, String[] args) {
        String invokedAs = System.getProperty("jheartbeat.invoked", kind.program);
        int exit = new StandbyRequestCommand(kind, invokedAs, System.out, System.err, ControlClient.runDirectory())
                .run(args);
        System.exit(exit);
    }

    int run(String[] args) {
        if (args.length > 1) {
            err.println(invokedAs + ": too many arguments");
            return usage();
        }
        String word = args.length == 0 || args[0].isEmpty() ? "all" : args[0];
        if (word.equals("--help")) {
            return usage();
        }
        Optional<StandbyArgument> argument = StandbyArgument.parse(word);
        if (argument.isEmpty()) {
            err.println(invokedAs + ": wrong resources(" + word + ").");
            return usage();
        }
        if (kind == Kind.STANDBY) {
            err.println(shellLogDate() + " info: Going standby [" + word + "].");
        }
        ControlClient client;
        try {
            client = ControlClient.connect(runDirectory);
        } catch (IOException e) {
            err.println(kind.program + ": Heartbeat is not currently running (no control socket in " + runDirectory
                    + ").");
            return EXIT_FAILED;
        }
        try (client) {
            ControlAnswer answer = client.request(ControlRequest.of(kind.verb, word), ANSWER_TIMEOUT);
            if (!answer.ok()) {
                err.println(kind.program + ": request refused: " + answer.reason());
                return EXIT_FAILED;
            }
            return 0;
        } catch (IOException e) {
            err.println(kind.program + ": no answer from heartbeat: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private int usage() {
        out.println("usage:");
        err.println(invokedAs + " [all|foreign|local|failback]");
        return EXIT_FAILED;
    }

    /** The date prefix Heartbeat's shell helpers print: {@code YYYY/MM/DD_HH:MM:SS}. */
    private static String shellLogDate() {
        LocalDateTime now = LocalDateTime.now();
        return String.format(Locale.ROOT, "%04d/%02d/%02d_%02d:%02d:%02d", now.getYear(), now.getMonthValue(),
                now.getDayOfMonth(), now.getHour(), now.getMinute(), now.getSecond());
    }
}
