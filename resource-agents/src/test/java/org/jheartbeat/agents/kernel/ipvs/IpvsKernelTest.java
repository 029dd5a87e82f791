package org.jheartbeat.agents.kernel.ipvs;

import static org.jheartbeat.agents.kernel.ipvs.IpvsListingTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.jheartbeat.agents.testing.KernelLab;
import org.jheartbeat.agents.testing.InNamespace;
import org.jheartbeat.agents.testing.Namespace;
import org.jheartbeat.agents.testing.NetnsLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The client against the real kernel, checked with the real ipvsadm in both directions: what
 * jheartbeat programs, ipvsadm lists byte for byte as jheartbeat's own listing does; what ipvsadm
 * programs, jheartbeat reads back as the same records. Each test has its own network namespace
 * (so its own IPVS table) with a dummy {@code eth0} that gives the real servers a unicast route.
 */
@Tag("kernel")
class IpvsKernelTest {

    private static final ServiceKey WEB = new ServiceKey.Address(IpvsProtocol.TCP, ip("10.9.0.100"), 80);
    private static final ServiceKey DNS = new ServiceKey.Address(IpvsProtocol.UDP, ip("10.9.0.100"), 53);
    private static final ServiceKey SCTP = new ServiceKey.Address(IpvsProtocol.SCTP, ip("10.9.0.100"), 3868);
    private static final ServiceKey WEB6 = new ServiceKey.Address(IpvsProtocol.TCP, ip("2001:db8::1"), 443);
    private static final ServiceKey MARK = new ServiceKey.FirewallMark(7, IpFamily.IPV4);
    private static final ServiceKey MARK6 = new ServiceKey.FirewallMark(7, IpFamily.IPV6);

    private NetnsLab lab;
    private Namespace ns;
    private Ipvs ipvs;

    @BeforeEach
    void setUp() throws Exception {
        KernelLab.requireIpvsKernel();
        lab = NetnsLab.create();
        ns = lab.namespace("ipvs");
        ns.ip("link", "add", "eth0", "type", "dummy");
        ns.ip("addr", "add", "10.9.0.1/24", "dev", "eth0");
        ns.ip("addr", "add", "2001:db8::100/64", "dev", "eth0", "nodad");
        ns.ip("link", "set", "eth0", "up");
        ipvs = ns.call(Ipvs::open);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (ipvs != null) {
            ipvs.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private String exec(String... command) throws Exception {
        return InNamespace.run(ns, command);
    }

    private void assertSameListing(ListingStyle style, String... ipvsadmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of("ipvsadm", "-L", "-n"));
        command.addAll(List.of(ipvsadmOptions));
        assertEquals(exec(command.toArray(String[]::new)), new IpvsListing(style).format(ipvs.table()),
                "ipvsadm " + String.join(" ", command));
    }

    private void assertAllListingsSame() throws Exception {
        assertSameListing(ListingStyle.DEFAULT);
        assertSameListing(ListingStyle.STATS, "--stats");
        assertSameListing(ListingStyle.RATE, "--rate");
        assertSameListing(ListingStyle.THRESHOLDS, "--thresholds");
        assertSameListing(ListingStyle.PERSISTENT_CONN, "--persistent-conn");
        assertSameListing(ListingStyle.TUN_INFO, "--tun-info");
    }

    /** The services the tests program, one of each kind. */
    private static List<IpvsService> everyKindOfService() {
        return List.of(
                IpvsService.of(WEB, "rr").persistent(600).withNetmask(0xFFFFFF00),
                IpvsService.of(DNS, "sh").withFlags(EnumSet.of(ServiceFlag.SCHED1, ServiceFlag.SCHED2, ServiceFlag.ONE_PACKET)),
                IpvsService.of(SCTP, "wrr"),
                IpvsService.of(WEB6, "lc").persistent(30).withNetmask(64),
                IpvsService.of(MARK, "wlc").persistent(360),
                IpvsService.of(MARK6, "wlc"));
    }

    @Test
    void everyKindOfServiceAndServerProgrammedHereListsIdenticallyInIpvsadm() throws Exception {
        for (IpvsService service : everyKindOfService()) {
            ipvs.addService(service);
        }
        IpvsDestination route = IpvsDestination.of(ip("10.9.0.2"), 80, ForwardMethod.ROUTE, 1);
        IpvsDestination masq = IpvsDestination.of(ip("10.9.0.3"), 8080, ForwardMethod.MASQ, 0).withThresholds(10, 5);
        IpvsDestination gue = IpvsDestination.of(ip("10.9.0.4"), 80, ForwardMethod.TUNNEL, 3)
                .withTunnel(new TunnelOptions(TunnelOptions.Type.GUE, 6080, TunnelOptions.Checksum.REMOTE_CHECKSUM));
        IpvsDestination gre = IpvsDestination.of(ip("10.9.0.5"), 80, ForwardMethod.TUNNEL, 1)
                .withTunnel(new TunnelOptions(TunnelOptions.Type.GRE, 0, TunnelOptions.Checksum.CHECKSUM));
        for (IpvsDestination d : List.of(route, masq, gue, gre)) {
            ipvs.addDestination(WEB, d);
        }
        ipvs.addDestination(WEB6, IpvsDestination.of(ip("2001:db8::2"), 443, ForwardMethod.MASQ, 65535));
        ipvs.addDestination(MARK, IpvsDestination.of(ip("10.9.0.2"), 0, ForwardMethod.ROUTE, 2));
        ipvs.addDestination(DNS, IpvsDestination.of(ip("10.9.0.6"), 53, ForwardMethod.MASQ, 1));

        assertAllListingsSame();
        assertEquals(everyKindOfService().stream().map(IpvsService::key).sorted(Comparator.comparing(Object::toString)).toList(),
                ipvs.services().stream().map(e -> e.service().key()).sorted(Comparator.comparing(Object::toString)).toList());
        for (IpvsService expected : everyKindOfService()) {
            assertEquals(expected, ipvs.service(expected.key()).service());
        }
        assertEquals(List.of(route, masq, gue, gre), ipvs.destinations(WEB).stream()
                .map(IpvsDestinationEntry::destination).sorted(Comparator.comparing(d -> d.address().getHostAddress())).toList());
    }

    @Test
    void whatIpvsadmProgramsReadsBackAsTheSameRecords() throws Exception {
        exec("ipvsadm", "-A", "-t", "10.9.0.100:80", "-s", "rr", "-p", "600", "-M", "255.255.255.0");
        exec("ipvsadm", "-a", "-t", "10.9.0.100:80", "-r", "10.9.0.3:8080", "-m", "-w", "0", "-x", "10", "-y", "5");
        exec("ipvsadm", "-a", "-t", "10.9.0.100:80", "-r", "10.9.0.4", "-i", "--tun-type", "gue", "--tun-port", "6080", "--tun-csum");
        exec("ipvsadm", "-A", "-u", "10.9.0.100:53", "-s", "sh", "-b", "sh-port", "-o");
        exec("ipvsadm", "-A", "-f", "7", "-6", "-s", "wlc", "-p");
        exec("ipvsadm", "-A", "--sctp-service", "10.9.0.100:3868", "-s", "wrr");

        assertEquals(IpvsService.of(WEB, "rr").persistent(600).withNetmask(0xFFFFFF00), ipvs.service(WEB).service());
        assertEquals(IpvsService.of(DNS, "sh").withFlags(EnumSet.of(ServiceFlag.SCHED2, ServiceFlag.ONE_PACKET)),
                ipvs.service(DNS).service());
        assertEquals(IpvsService.of(MARK6, "wlc").persistent(360), ipvs.service(MARK6).service());
        assertEquals(IpvsService.of(SCTP, "wrr"), ipvs.service(SCTP).service());
        List<IpvsDestination> servers = ipvs.destinations(WEB).stream().map(IpvsDestinationEntry::destination)
                .sorted(Comparator.comparing(d -> d.address().getHostAddress())).toList();
        assertEquals(List.of(IpvsDestination.of(ip("10.9.0.3"), 8080, ForwardMethod.MASQ, 0).withThresholds(10, 5),
                IpvsDestination.of(ip("10.9.0.4"), 80, ForwardMethod.TUNNEL, 1)
                        .withTunnel(new TunnelOptions(TunnelOptions.Type.GUE, 6080, TunnelOptions.Checksum.CHECKSUM))), servers);
        assertAllListingsSame();
    }

    @Test
    void editsAndDeletionsShowInIpvsadmAndTheOtherWayRound() throws Exception {
        ipvs.addService(IpvsService.of(WEB, "wlc"));
        ipvs.addDestination(WEB, IpvsDestination.of(ip("10.9.0.2"), 80, ForwardMethod.ROUTE, 1));
        ipvs.addDestination(WEB, IpvsDestination.of(ip("10.9.0.3"), 80, ForwardMethod.ROUTE, 1));

        ipvs.editService(IpvsService.of(WEB, "rr").persistent(100));
        ipvs.editDestination(WEB, IpvsDestination.of(ip("10.9.0.2"), 80, ForwardMethod.MASQ, 7).withThresholds(20, 2));
        ipvs.deleteDestination(WEB, ip("10.9.0.3"), 80);
        assertEquals("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  10.9.0.100:80 rr persistent 100
                  -> 10.9.0.2:80                  Masq    7      0          0        \s
                """, exec("ipvsadm", "-L", "-n"));

        exec("ipvsadm", "-e", "-t", "10.9.0.100:80", "-r", "10.9.0.2:80", "-g", "-w", "3");
        exec("ipvsadm", "-E", "-t", "10.9.0.100:80", "-s", "sh", "-b", "sh-fallback");
        assertEquals(IpvsService.of(WEB, "sh").withFlags(EnumSet.of(ServiceFlag.SCHED1)), ipvs.service(WEB).service());
        assertEquals(List.of(IpvsDestination.of(ip("10.9.0.2"), 80, ForwardMethod.ROUTE, 3)),
                ipvs.destinations(WEB).stream().map(IpvsDestinationEntry::destination).toList());
        assertAllListingsSame();

        ipvs.deleteService(WEB);
        assertEquals(List.of(), ipvs.services());
        assertEquals(List.of(), ipvs.destinations(WEB), "a missing service has an empty real server list");
        assertEquals(3, exec("ipvsadm", "-L", "-n").lines().count());
    }

    @Test
    void infoTimeoutsAndFlush() throws Exception {
        IpvsInfo info = ipvs.info();
        String procHeader = Files.readAllLines(Path.of("/proc/net/ip_vs")).getFirst();
        assertEquals("IP Virtual Server version " + info.versionText() + " (size=" + info.connectionTableSize() + ")", procHeader);

        assertEquals(new IpvsTimeouts(900, 120, 300), ipvs.timeouts());
        ipvs.setTimeouts(new IpvsTimeouts(100, 20, 30));
        assertEquals("Timeout (tcp tcpfin udp): 100 20 30\n", exec("ipvsadm", "-L", "--timeout"));
        ipvs.setTimeouts(new IpvsTimeouts(0, 0, 45));
        assertEquals(new IpvsTimeouts(100, 20, 45), ipvs.timeouts(), "0 leaves a timeout unchanged");
        exec("ipvsadm", "--set", "900", "120", "300");
        assertEquals(IpvsListing.formatTimeouts(ipvs.timeouts()), exec("ipvsadm", "-L", "--timeout"));

        for (IpvsService service : everyKindOfService()) {
            ipvs.addService(service);
        }
        ipvs.addDestination(WEB, IpvsDestination.of(ip("10.9.0.2"), 80, ForwardMethod.ROUTE, 1));
        ipvs.zero();
        ipvs.zero(WEB);
        ipvs.flush();
        assertEquals(List.of(), ipvs.services());
        assertSameListing(ListingStyle.DEFAULT);
    }

    @Test
    void refusalsAreTypedAndSayWhatWentWrong() throws Exception {
        ipvs.addService(IpvsService.of(WEB, "rr"));
        ipvs.addDestination(WEB, IpvsDestination.of(ip("10.9.0.2"), 80, ForwardMethod.ROUTE, 1));

        IpvsException e = assertThrows(IpvsException.ServiceExists.class, () -> ipvs.addService(IpvsService.of(WEB, "wlc")));
        assertEquals("add service TCP 10.9.0.100:80: the service already exists (EEXIST)", e.getMessage());
        e = assertThrows(IpvsException.NoSuchService.class, () -> ipvs.deleteService(DNS));
        assertEquals("delete service UDP 10.9.0.100:53: no such service (ESRCH)", e.getMessage());
        assertThrows(IpvsException.NoSuchService.class, () -> ipvs.service(DNS));
        assertThrows(IpvsException.NoSuchService.class, () -> ipvs.editService(IpvsService.of(DNS, "rr")));
        assertThrows(IpvsException.NoSuchService.class,
                () -> ipvs.addDestination(DNS, IpvsDestination.of(ip("10.9.0.2"), 53, ForwardMethod.MASQ, 1)));
        e = assertThrows(IpvsException.SchedulerNotFound.class, () -> ipvs.addService(IpvsService.of(DNS, "nosuch")));
        assertEquals(2, e.errno());
        e = assertThrows(IpvsException.DestinationExists.class,
                () -> ipvs.addDestination(WEB, IpvsDestination.of(ip("10.9.0.2"), 80, ForwardMethod.ROUTE, 5)));
        assertEquals("add real server 10.9.0.2:80 to service TCP 10.9.0.100:80: the real server is already part of"
                + " this service (EEXIST)", e.getMessage());
        assertThrows(IpvsException.NoSuchDestination.class,
                () -> ipvs.editDestination(WEB, IpvsDestination.of(ip("10.9.0.9"), 80, ForwardMethod.ROUTE, 1)));
        assertThrows(IpvsException.NoSuchDestination.class, () -> ipvs.deleteDestination(WEB, ip("10.9.0.9"), 80));
        e = assertThrows(IpvsException.InvalidRequest.class,
                () -> ipvs.addDestination(WEB, IpvsDestination.of(ip("224.0.0.1"), 80, ForwardMethod.ROUTE, 1)));
        assertTrue(e.getMessage().contains("address must be unicast"), e.getMessage());
        e = assertThrows(IpvsException.InvalidRequest.class, () -> ipvs.addDestination(WEB,
                IpvsDestination.of(ip("10.9.0.3"), 80, ForwardMethod.ROUTE, 1).withThresholds(5, 10)));
        assertEquals(34, e.errno());
        e = assertThrows(IpvsException.NoSuchInterface.class,
                () -> ipvs.startDaemon(SyncDaemon.of(SyncDaemon.State.MASTER, "nosuch0", 0)));
        assertEquals("start master sync daemon on nosuch0: no such network interface (ENODEV)", e.getMessage());
        assertThrows(IpvsException.NoDaemon.class, () -> ipvs.stopDaemon(SyncDaemon.State.BACKUP));
        ipvs.startDaemon(SyncDaemon.of(SyncDaemon.State.BACKUP, "eth0", 0));
        assertThrows(IpvsException.DaemonRunning.class,
                () -> ipvs.startDaemon(SyncDaemon.of(SyncDaemon.State.BACKUP, "eth0", 3)));
        ipvs.stopDaemon(SyncDaemon.State.BACKUP);
        assertEquals(List.of(), ipvs.daemons());
        // nothing was half-applied by the refused requests
        assertSameListing(ListingStyle.THRESHOLDS, "--thresholds");
    }

    @Test
    void syncDaemonsBothWays() throws Exception {
        ipvs.startDaemon(SyncDaemon.of(SyncDaemon.State.MASTER, "eth0", 5));
        ipvs.startDaemon(new SyncDaemon(SyncDaemon.State.BACKUP, "eth0", 9, 1400, Optional.of(ip("239.1.2.3")), 9000, 2));
        assertEquals("""
                master sync daemon (mcast=eth0, syncid=5, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)
                backup sync daemon (mcast=eth0, syncid=9, maxlen=1400, group=239.1.2.3, port=9000, ttl=2)
                """, exec("ipvsadm", "-L", "--daemon"));
        assertEquals(exec("ipvsadm", "-L", "--daemon"), IpvsListing.formatDaemons(ipvs.daemons()));

        ipvs.stopDaemon(SyncDaemon.State.MASTER);
        ipvs.stopDaemon(SyncDaemon.State.BACKUP);
        assertEquals("", exec("ipvsadm", "-L", "--daemon"));
        assertEquals(List.of(), ipvs.daemons());

        exec("ipvsadm", "--start-daemon", "master", "--mcast-interface", "eth0", "--syncid", "200");
        assertEquals(List.of(new SyncDaemon(SyncDaemon.State.MASTER, "eth0", 200, 1472,
                Optional.of(ip("224.0.0.81")), 8848, 1)), ipvs.daemons());
        exec("ipvsadm", "--stop-daemon", "master");
    }

    /**
     * A stop that comes before the daemon's kernel thread first ran (a swap right after a start)
     * stops it without the kernel answering; that must neither hang nor fail. Repeated, because
     * whether the thread ran first is up to the scheduler.
     */
    @Test
    void aDaemonStoppedRightAfterItsStartIsStopped() throws Exception {
        for (int i = 0; i < 20; i++) {
            SyncDaemon.State state = i % 2 == 0 ? SyncDaemon.State.BACKUP : SyncDaemon.State.MASTER;
            ipvs.startDaemon(SyncDaemon.of(state, "eth0", i));
            ipvs.stopDaemon(state);
            assertEquals(List.of(), ipvs.daemons(), "after stop number " + (i + 1));
        }
        assertEquals("", exec("ipvsadm", "-L", "--daemon"));
    }
}
