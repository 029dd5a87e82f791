package org.jheartbeat.cli.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Debian's heartbeat 3.0.6 ({@code apt-get install heartbeat}), each director's daemon started as
 * the init script starts it (it daemonizes, with its realtime priority) inside a
 * {@link PrivateRoot}, with heartbeat's own IPaddr2 resource agent.
 */
final class Heartbeat306Contender implements Contender {

    static final Path DAEMON = Path.of("/usr/libexec/heartbeat/heartbeat");
    private static final String HB_STANDBY = "/usr/share/heartbeat/hb_standby";

    private final Map<String, PrivateRoot> roots = new HashMap<>();

    @Override
    public String name() {
        return "heartbeat 3.0.6";
    }

    @Override
    public Optional<String> impossible(Timers timers) {
        return Files.isExecutable(DAEMON) ? Optional.empty()
                : Optional.of("not installed (apt-get install --no-install-recommends heartbeat)");
    }

    @Override
    public void configure(CompareLab lab, Timers timers) throws IOException {
        roots.clear();
        for (Director d : List.of(lab.d1, lab.d2)) {
            PrivateRoot root = PrivateRoot.create(d);
            HaDirectory.write(root.haD(), timers, lab.vip, d.home().resolve("ha-log"));
            roots.put(d.name(), root);
        }
    }

    @Override
    public void start(Director d) throws IOException, InterruptedException {
        PrivateRoot root = roots.get(d.name());
        // a daemon killed with SIGKILL leaves its pid file; a recycled PID would stop the start
        Files.deleteIfExists(root.run().resolve("heartbeat.pid"));
        Process p = new ProcessBuilder(root.command(DAEMON.toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(d.home().resolve("heartbeat.out").toFile())).start();
        if (p.waitFor() != 0) { // the parent returns once the daemon has forked off
            throw new IOException("heartbeat on " + d.name() + " did not start: " + log(d));
        }
    }

    @Override
    public boolean settled(Director d) {
        try {
            String rsc = roots.get(d.name()).run("cl_status", "rscstatus").strip();
            return !rsc.isEmpty() && !rsc.equals("transition");
        } catch (IOException e) {
            return false; // not answering yet
        }
    }

    @Override
    public long handOver(Director active) throws IOException {
        long asked = System.nanoTime();
        roots.get(active.name()).run(HB_STANDBY, "all");
        return asked;
    }

    @Override
    public void handBack(CompareLab lab) throws IOException {
        // heartbeat ignores a standby request while the last one is still finishing
        // ("Standby in progress- new request ... ignored"): ask again until d1 has the VIP
        for (int attempt = 1; attempt <= 3; attempt++) {
            roots.get(lab.d2.name()).run(HB_STANDBY, "all");
            if (CompareLab.cameWithin(java.time.Duration.ofSeconds(20), () -> lab.holdsVip(lab.d1))) {
                return;
            }
        }
        throw new IOException("d1 did not get the VIP back after three hb_standby on d2");
    }

    @Override
    public String handOverMeaning() {
        return "heartbeat 3.0.6: hb_standby all on the active director (time includes starting the script)";
    }

    @Override
    public String log(Director d) throws IOException {
        return JheartbeatContender.read(d.home().resolve("ha-log"))
                + JheartbeatContender.read(d.home().resolve("heartbeat.out"));
    }
}
