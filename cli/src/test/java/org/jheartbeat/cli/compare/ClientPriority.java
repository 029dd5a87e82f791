package org.jheartbeat.cli.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The poller's probes and the directors' answers stand for a client on another machine and a
 * service the kernel forwards; in this lab they share two processors with both daemons. So
 * that what they measure is the network and not whose threads the scheduler ran first, their
 * threads run at realtime priority {@value #PRIORITY}, above every contender's own realtime
 * threads (jheartbeat's at 50; heartbeat's processes and keepalived's lower or not realtime).
 * The threads block almost all the time (a probe every interval, an answer per probe).
 */
final class ClientPriority {

    static final int PRIORITY = 60;

    private ClientPriority() {
    }

    /** Puts the calling thread at SCHED_FIFO {@value #PRIORITY}, or says on stderr why not. */
    static void raiseCurrentThread() {
        try {
            // "/proc/thread-self" links to "PID/task/TID"
            String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            String tid = self.substring(self.lastIndexOf('/') + 1);
            Process chrt = new ProcessBuilder("chrt", "-f", "-p", String.valueOf(PRIORITY), tid)
                    .redirectErrorStream(true).start();
            String output = new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (chrt.waitFor() != 0) {
                System.err.println(Thread.currentThread().getName() + " keeps normal priority: " + output.strip());
            }
        } catch (IOException e) {
            System.err.println(Thread.currentThread().getName() + " keeps normal priority: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
