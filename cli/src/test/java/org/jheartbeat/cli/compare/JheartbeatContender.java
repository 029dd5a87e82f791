package org.jheartbeat.cli.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jheartbeat.cli.membership.NetnsLab;
import org.jheartbeat.core.control.ControlServer;

/**
 * jheartbeat from the built distribution ({@code target/jheartbeat}, run from the cli module),
 * started in the foreground in its director's namespace as the cluster tests start it, with
 * its own ha.d, run and state directories.
 */
final class JheartbeatContender implements Contender {

    static final Path DISTRIBUTION = Path.of("target/jheartbeat").toAbsolutePath();

    private CompareLab lab;

    @Override
    public String name() {
        return "jheartbeat";
    }

    @Override
    public Optional<String> impossible(Timers timers) {
        return Files.isExecutable(DISTRIBUTION.resolve("bin/heartbeat")) ? Optional.empty()
                : Optional.of("no distribution in " + DISTRIBUTION + " (run ./build)");
    }

    @Override
    public void configure(CompareLab lab, Timers timers) throws IOException {
        this.lab = lab;
        for (Director d : List.of(lab.d1, lab.d2)) {
            HaDirectory.write(haD(d), timers, lab.vip, d.home().resolve("ha-log"));
        }
    }

    private static Path haD(Director d) {
        return d.home().resolve("jheartbeat-ha.d");
    }

    private static Path runDir(Director d) {
        return d.home().resolve("jheartbeat-run");
    }

    @Override
    public void start(Director d) throws IOException {
        lab.net.own(new ProcessBuilder("ip", "netns", "exec", d.namespace(),
                DISTRIBUTION.resolve("bin/heartbeat").toString(), "-c", haD(d).toString(), "--node", d.name(),
                "--pidfile", d.home().resolve("jheartbeat.pid").toString(), "--run-dir", runDir(d).toString(),
                "--state-dir", d.home().resolve("jheartbeat-state").toString(), "-f")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(d.home().resolve("jheartbeat.out").toFile()))
                .start());
    }

    @Override
    public boolean settled(Director d) {
        try {
            for (String line : ControlServer.ask(runDir(d), "cluster").split("\n")) {
                if (line.startsWith("rsc\t")) {
                    return !line.substring(4).strip().equals("transition");
                }
            }
        } catch (IOException e) {
            // not answering yet
        }
        return false;
    }

    @Override
    public long handOver(Director active) throws IOException, InterruptedException {
        long asked = System.nanoTime();
        hbStandby(active);
        return asked;
    }

    @Override
    public void handBack(CompareLab lab) throws IOException, InterruptedException {
        // heartbeat ignores a standby request while the last one is still finishing
        // ("Standby in progress- new request ... ignored"): ask again until d1 has the VIP
        for (int attempt = 1; attempt <= 3; attempt++) {
            hbStandby(lab.d2);
            if (CompareLab.cameWithin(java.time.Duration.ofSeconds(20), () -> lab.holdsVip(lab.d1))) {
                return;
            }
        }
        throw new IOException("d1 did not get the VIP back after three hb_standby on d2");
    }

    private static void hbStandby(Director d) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(DISTRIBUTION.resolve("bin/hb_standby").toString(), "all")
                .redirectErrorStream(true);
        builder.environment().put("JHEARTBEAT_RUN_DIR", runDir(d).toString());
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("hb_standby on " + d.name() + " failed: " + output);
        }
    }

    @Override
    public String handOverMeaning() {
        return "jheartbeat: hb_standby all on the active director (time includes starting the command)";
    }

    @Override
    public String log(Director d) throws IOException {
        return read(d.home().resolve("ha-log")) + read(d.home().resolve("jheartbeat.out"));
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** For a check before a run: the distribution's own idea of its version. */
    static String version() throws IOException {
        return NetnsLab.run(DISTRIBUTION.resolve("bin/heartbeat").toString(), "-V").strip();
    }
}
