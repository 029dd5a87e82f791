package org.jheartbeat.agents.lvs.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.jheartbeat.agents.kernel.ipvs.ForwardMethod;
import org.jheartbeat.agents.kernel.ipvs.IpvsDestination;
import org.jheartbeat.agents.kernel.ipvs.IpvsProtocol;
import org.jheartbeat.agents.kernel.ipvs.IpvsService;
import org.jheartbeat.agents.kernel.ipvs.ServiceKey;
import org.junit.jupiter.api.Test;

/** Desired (file + health) against actual (kernel table): the changes, in order, and their log lines. */
class ReconcilerTest {

    private static final String[] SEED_000 = {
        "quiescent=no",
        "virtual=192.168.0.100:80",
        "\tfallback=127.0.0.1:80",
        "\treal=192.168.0.1:80 gate",
        "\treal=192.168.0.2:80 gate",
        "\trequest=\"ldirectord.html\"",
        "\treceive=\"It worked\"",
        "\tscheduler=rr",
        "\tpersistent=600"};

    private static final String[] SEED_003 = {
        "quiescent=yes",
        "fallback=127.0.0.1:80",
        "virtual=192.168.0.200:80",
        "\treal=192.168.0.110:80 gate",
        "\treal=192.168.0.120:80 gate",
        "\tscheduler=rr"};

    @Test
    void seed000FreshStartThenRecoveryThenFailure() {
        Scenario s = new Scenario().start(SEED_000);

        assertEquals(List.of("-A -t 192.168.0.100:80 -s rr -p 600",
                "-a -t 192.168.0.100:80 -x 0 -y 0 -r 127.0.0.1:80 -g -w 1"), s.takeIpvsadm());
        assertEquals(List.of("Added virtual server: 192.168.0.100:80",
                "Added fallback server: 127.0.0.1:80 (192.168.0.100:80) (Weight set to 1)"), s.takeLog());

        s.result("192.168.0.1:80", true);
        assertEquals(List.of("-a -t 192.168.0.100:80 -x 0 -y 0 -r 192.168.0.1:80 -g -w 1",
                "-d -t 192.168.0.100:80 -r 127.0.0.1:80"), s.takeIpvsadm());
        assertEquals(List.of("Added real server: 192.168.0.1:80 (192.168.0.100:80) (Weight set to 1)",
                "Deleted fallback server: 127.0.0.1:80 (192.168.0.100:80)"), s.takeLog());

        s.result("192.168.0.1:80", true).result("192.168.0.2:80", false);
        assertEquals(List.of(), s.takeIpvsadm(), "edge-triggered: nothing for an up real staying up or a down one");

        s.result("192.168.0.1:80", false);
        assertEquals(List.of("-d -t 192.168.0.100:80 -r 192.168.0.1:80",
                "-a -t 192.168.0.100:80 -x 0 -y 0 -r 127.0.0.1:80 -g -w 1"), s.takeIpvsadm());
        assertEquals(List.of("Deleted real server: 192.168.0.1:80 (192.168.0.100:80)",
                "Added fallback server: 127.0.0.1:80 (192.168.0.100:80) (Weight set to 1)"), s.takeLog());
    }

    @Test
    void seed003QuiescentKeepsFailedRealsAtWeightZero() {
        Scenario s = new Scenario().start(SEED_003);

        assertEquals(List.of("-A -t 192.168.0.200:80 -s rr",
                "-a -t 192.168.0.200:80 -x 0 -y 0 -r 192.168.0.110:80 -g -w 0",
                "-a -t 192.168.0.200:80 -x 0 -y 0 -r 192.168.0.120:80 -g -w 0",
                "-a -t 192.168.0.200:80 -x 0 -y 0 -r 127.0.0.1:80 -g -w 1"), s.takeIpvsadm(),
                "all failing: both reals with weight 0 and the fallback with weight 1, as seed 003 shows");

        s.takeLog();
        s.result("192.168.0.110:80", true);
        assertEquals(List.of("-e -t 192.168.0.200:80 -x 0 -y 0 -r 192.168.0.110:80 -g -w 1",
                "-d -t 192.168.0.200:80 -r 127.0.0.1:80"), s.takeIpvsadm());
        assertEquals(List.of("Restored real server: 192.168.0.110:80 (192.168.0.200:80) (Weight set to 1)",
                "Deleted fallback server: 127.0.0.1:80 (192.168.0.200:80)"), s.takeLog());

        s.result("192.168.0.110:80", false);
        assertEquals(List.of("-e -t 192.168.0.200:80 -x 0 -y 0 -r 192.168.0.110:80 -g -w 0",
                "-a -t 192.168.0.200:80 -x 0 -y 0 -r 127.0.0.1:80 -g -w 1"), s.takeIpvsadm());
        assertEquals(List.of("Quiescent real server: 192.168.0.110:80 (192.168.0.200:80) (Weight set to 0)",
                "Added fallback server: 127.0.0.1:80 (192.168.0.200:80) (Weight set to 1)"), s.takeLog());
    }

    @Test
    void failureCountMakesSoftFailuresFirst() {
        Scenario s = new Scenario().start("failurecount=3", "virtual=10.0.0.1:80", "\treal=10.0.0.2:80 masq 5");
        s.result("10.0.0.2:80", true);
        s.takeIpvsadm();
        s.takeLog();

        s.result("10.0.0.2:80", false).result("10.0.0.2:80", false);
        assertEquals(List.of(), s.takeIpvsadm());
        s.result("10.0.0.2:80", true);
        assertEquals(List.of("Soft failure real server: 10.0.0.2:80 (tcp:10.0.0.1:80) failure 1/3",
                "Soft failure real server: 10.0.0.2:80 (tcp:10.0.0.1:80) failure 2/3",
                "Resetting soft failure count: 10.0.0.2:80 (tcp:10.0.0.1:80)"), s.takeLog());

        s.result("10.0.0.2:80", false).result("10.0.0.2:80", false).result("10.0.0.2:80", false);
        assertEquals(List.of("-d -t 10.0.0.1:80 -r 10.0.0.2:80"), s.takeIpvsadm());
    }

    @Test
    void readdQuiescentPutsBackARealSomeoneDeleted() {
        Scenario s = new Scenario().start("quiescent=yes", "readdquiescent=yes", "virtual=10.0.0.1:80",
                "\treal=10.0.0.2:80 gate", "\treal=10.0.0.3:80 gate");
        s.result("10.0.0.2:80", true).result("10.0.0.3:80", true);
        s.takeIpvsadm();
        ServiceKey key = new ServiceKey.Address(IpvsProtocol.TCP, address("10.0.0.1"), 80);
        s.table = s.table.after(new IpvsChange.DeleteDestination(key,
                new DestinationKey(address("10.0.0.2"), 80), "by hand"));

        s.result("10.0.0.2:80", false);

        assertEquals(List.of("-a -t 10.0.0.1:80 -x 0 -y 0 -r 10.0.0.2:80 -g -w 0"), s.takeIpvsadm());
    }

    @Test
    void directRoutingRealOnAnotherPortIsStoredUnderTheVirtualPort() {
        Scenario s = new Scenario().start("virtual=10.0.0.1:80", "\treal=10.0.0.2:8080 gate");
        s.takeLog();
        s.result("10.0.0.2:8080", true).result("10.0.0.2:8080", false);

        assertEquals(List.of("-A -t 10.0.0.1:80 -s wrr", "-a -t 10.0.0.1:80 -x 0 -y 0 -r 10.0.0.2:80 -g -w 1",
                "-d -t 10.0.0.1:80 -r 10.0.0.2:80"), s.takeIpvsadm());
        assertEquals(List.of("Added real server: 10.0.0.2:8080 (10.0.0.1:80) (Weight set to 1)",
                "Deleted real server: 10.0.0.2:80 mapped from 10.0.0.2:8080 (10.0.0.1:80)"), s.takeLog());
    }

    @Test
    void reloadOfAnUnchangedFileChangesNothing() {
        Scenario s = new Scenario().start(SEED_003);
        s.result("192.168.0.110:80", true);
        s.takeIpvsadm();

        s.load(Scenario.config(SEED_003));

        assertEquals(List.of(), s.takeIpvsadm());
        assertEquals(Map.of("tcp:192.168.0.200:80", true), Map.of("tcp:192.168.0.200:80",
                s.states.get("tcp:192.168.0.200:80").isUp(s.config.virtuals().getFirst().reals().getFirst().endpoint())),
                "the serving real is believed up again without being touched");
    }

    @Test
    void reloadChangesOnlyWhatChangedInTheFile() {
        Scenario s = new Scenario().start(
                "virtual=10.0.0.1:80", "\treal=10.0.0.2:80 gate", "\treal=10.0.0.3:80 gate", "\tpersistent=300",
                "virtual=10.0.0.1:443", "\treal=10.0.0.2:443 gate", "\tchecktype=connect",
                "virtual=10.0.0.1:25", "\treal=10.0.0.2:25 gate", "\tchecktype=connect");
        s.result("10.0.0.2:80", true).result("10.0.0.3:80", true).result("10.0.0.2:443", true)
                .result("10.0.0.2:25", true);
        s.takeIpvsadm();
        s.takeLog();

        s.load(Scenario.config(
                "virtual=10.0.0.1:80", "\treal=10.0.0.2:80 gate 3", "\tscheduler=rr",
                "virtual=10.0.0.1:443", "\treal=10.0.0.2:443 gate", "\tchecktype=connect"));

        assertEquals(List.of("-E -t 10.0.0.1:80 -s rr",
                "-e -t 10.0.0.1:80 -x 0 -y 0 -r 10.0.0.2:80 -g -w 3",
                "-d -t 10.0.0.1:80 -r 10.0.0.3:80",
                "-D -t 10.0.0.1:25"), s.takeIpvsadm(),
                "scheduler and persistence replaced, weight restored, unlisted real purged, removed service"
                        + " deleted; the untouched :443 service gets nothing");
        assertEquals(List.of("Changed virtual server: 10.0.0.1:80",
                "Restored real server: 10.0.0.2:80 (10.0.0.1:80) (Weight set to 3)",
                "Purged real server (start): 10.0.0.3:80 (10.0.0.1:80)",
                "Purged virtual server (start): 10.0.0.1:25"), s.takeLog());
    }

    @Test
    void servicesNobodyConfiguredAreLeftAlone() {
        Scenario s = new Scenario();
        ServiceKey foreign = new ServiceKey.Address(IpvsProtocol.UDP, address("10.9.9.9"), 53);
        s.table = s.table.after(new IpvsChange.AddService(IpvsService.of(foreign, "wlc"), ""))
                .after(new IpvsChange.AddDestination(foreign,
                        IpvsDestination.of(address("10.9.9.10"), 53, ForwardMethod.MASQ, 1), ""));

        s.start("virtual=10.0.0.1:80", "\treal=10.0.0.2:80 gate", "cleanstop=yes").stop();

        assertEquals(List.of("-A -t 10.0.0.1:80 -s wrr", "-D -t 10.0.0.1:80"), s.takeIpvsadm());
        assertEquals(1, s.table.services().size());
    }

    @Test
    void cleanStopPurgesUpRealsThenTheServiceUnlessCleanstopIsNo() {
        Scenario s = new Scenario().start("quiescent=yes", "virtual=10.0.0.1:80", "\treal=10.0.0.2:80 gate",
                "\treal=10.0.0.3:80 gate", "virtual=10.0.0.1:443", "\treal=10.0.0.2:443 gate", "\tcleanstop=no");
        s.result("10.0.0.2:80", true).result("10.0.0.2:443", true);
        s.takeIpvsadm();
        s.takeLog();

        s.stop();

        assertEquals(List.of("-d -t 10.0.0.1:80 -r 10.0.0.2:80", "-D -t 10.0.0.1:80"), s.takeIpvsadm());
        assertEquals(List.of("Purged real server (stop): 10.0.0.2:80 (10.0.0.1:80)",
                "Purged virtual server (stop): 10.0.0.1:80"), s.takeLog());
    }

    @Test
    void fallbackCommandRunsOnChangeOfHavingNoRealUp() {
        Scenario s = new Scenario().start("fallbackcommand=/usr/local/bin/sorry", "virtual=10.0.0.1:80",
                "\treal=10.0.0.2:80 gate", "virtual=5", "\treal=10.0.0.2 gate", "\tfallbackcommand=\"/bin/fwm-sorry\"");

        assertEquals(List.of("Added virtual server: 10.0.0.1:80", "Added virtual server: 5",
                "run: /usr/local/bin/sorry start 10.0.0.1:80 tcp", "run: /bin/fwm-sorry start :0 fwm"), s.takeLog());
        s.result("10.0.0.2:80", true);
        assertEquals(List.of("Added real server: 10.0.0.2:80 (10.0.0.1:80) (Weight set to 1)",
                "run: /usr/local/bin/sorry stop 10.0.0.1:80 tcp"), s.takeLog());
    }

    @Test
    void serviceOptionsMapToIpvs() {
        Scenario s = new Scenario().start("virtual=10.0.0.1:53", "\treal=10.0.0.2:53 masq", "\tops=yes",
                "\tpersistent=60", "\tnetmask=255.255.255.0", "\tschedflags=sh-port", "\tscheduler=sh",
                "\trequest=\"x\"", "\treceive=\"y\"",
                "virtual6=[2001:db8::1]:80", "\treal6=[2001:db8::2]:80 masq", "\tpersistent=10", "\tnetmask=64",
                "virtual=7", "\treal=10.0.0.2 gate");

        assertEquals(List.of("-A -u 10.0.0.1:53 -o -s sh -p 60 -M 255.255.255.0 -b flag-2",
                "-A -t [2001:db8:0:0:0:0:0:1]:80 -s wrr -p 10 -M 64", "-A -f 7 -s wrr"), s.takeIpvsadm());
    }

    private static InetAddress address(String text) {
        return org.jheartbeat.agents.lvs.config.Addresses.ipv4Literal(text).orElseThrow();
    }
}
