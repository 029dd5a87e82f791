package org.jheartbeat.cli.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Debian's keepalived 2.2.7 ({@code apt-get install keepalived}), VRRP only, one instance per
 * director holding the VIP: d1 starting as MASTER, d2 as BACKUP with the lower priority, both
 * priorities and the timers as the {@link VrrpTimers} mapping says, preemption on (the default),
 * VRRPv3 so the advert interval can be below a second.
 */
final class KeepalivedContender implements Contender {

    static final Path DAEMON = Path.of("/usr/sbin/keepalived");

    private final VrrpTimers mapping;
    private final Map<String, PrivateRoot> roots = new HashMap<>();
    private final Map<String, Process> daemons = new HashMap<>();
    private CompareLab lab;

    KeepalivedContender(VrrpTimers mapping) {
        this.mapping = mapping;
    }

    @Override
    public String name() {
        return mapping.label;
    }

    @Override
    public Optional<String> impossible(Timers timers) {
        return Files.isExecutable(DAEMON) ? Optional.empty()
                : Optional.of("not installed (apt-get install --no-install-recommends keepalived)");
    }

    @Override
    public void configure(CompareLab lab, Timers timers) throws IOException {
        this.lab = lab;
        roots.clear();
        daemons.clear();
        for (Director d : List.of(lab.d1, lab.d2)) {
            roots.put(d.name(), PrivateRoot.create(d));
            boolean home = d == lab.d1;
            Files.writeString(config(d), """
                    global_defs {
                        router_id NODE
                        vrrp_version 3
                    }
                    vrrp_instance vip {
                        state STATE
                        interface eth0
                        virtual_router_id 51
                        priority PRIORITY
                        advert_int ADVERT
                        down_timer_adverts ADVERTS
                        virtual_ipaddress {
                            VIP/24 dev eth0
                        }
                    }
                    """.replace("NODE", d.name()).replace("STATE", home ? "MASTER" : "BACKUP")
                    .replace("PRIORITY", Integer.toString(home ? mapping.masterPriority : mapping.backupPriority))
                    .replace("ADVERTS", Long.toString(mapping.downTimerAdverts(timers)))
                    .replace("ADVERT", mapping.advertSeconds(timers)).replace("VIP", lab.vip));
        }
    }

    private static Path config(Director d) {
        return d.home().resolve("keepalived.conf");
    }

    @Override
    public void start(Director d) throws IOException {
        Path run = roots.get(d.name()).run();
        // -n: stay in the foreground, so the process we hold is keepalived's parent; -P: VRRP only
        daemons.put(d.name(), lab.net.own(new ProcessBuilder(roots.get(d.name()).command(DAEMON.toString(),
                "-n", "-l", "-G", "-D", "-P", "-f", config(d).toString(), "-p", run.resolve("keepalived.pid").toString(),
                "-r", run.resolve("vrrp.pid").toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(d.home().resolve("keepalived.log").toFile()))
                .start()));
    }

    /** keepalived has no status query short of a data dump; the lab judges by the VIP and the poller. */
    @Override
    public boolean settled(Director d) {
        return daemons.containsKey(d.name()) && daemons.get(d.name()).isAlive();
    }

    @Override
    public long handOver(Director active) {
        long asked = System.nanoTime();
        daemons.get(active.name()).destroy(); // SIGTERM
        return asked;
    }

    @Override
    public void handBack(CompareLab lab) throws IOException, InterruptedException {
        Process stopped = daemons.get(lab.d1.name());
        if (stopped.waitFor() != 0) {
            throw new IOException("keepalived on d1 exited " + stopped.exitValue() + " after SIGTERM: " + log(lab.d1));
        }
        start(lab.d1); // as MASTER with the higher priority it takes the VIP back at once
    }

    @Override
    public String handOverMeaning() {
        return "keepalived: SIGTERM to the master (it sends a priority-0 advert and drops the VIP; the backup"
                + " takes over after its skew time); keepalived has no standby command";
    }

    @Override
    public String log(Director d) throws IOException {
        return JheartbeatContender.read(d.home().resolve("keepalived.log"));
    }
}
