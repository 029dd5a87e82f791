package org.jheartbeat.agents.kernel.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The listing against texts captured from the real {@code ipvsadm -L -n} 1.31 on kernel 6.1 for
 * the same table (it/kernel-lab), byte for byte including trailing blanks.
 */
class IpvsListingTest {

    private static final IpvsInfo INFO = new IpvsInfo(0x010201, 4096);

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static IpvsDestinationEntry dest(IpvsDestination d) {
        return new IpvsDestinationEntry(d, 0, 0, 0, IpvsStats.ZERO);
    }

    static IpvsTable.Row row(IpvsService service, IpvsDestinationEntry... dests) {
        return new IpvsTable.Row(new IpvsServiceEntry(service, IpvsStats.ZERO), List.of(dests));
    }

    /** The table the lab built with ipvsadm, listed here in the kernel's (unsorted) order. */
    static IpvsTable labTable() {
        ServiceKey web = new ServiceKey.Address(IpvsProtocol.TCP, ip("10.9.0.100"), 80);
        IpvsService webService = IpvsService.of(web, "rr").persistent(600).withNetmask(0xFFFFFF00);
        ServiceKey dns = new ServiceKey.Address(IpvsProtocol.UDP, ip("10.9.0.100"), 53);
        IpvsService dnsService = IpvsService.of(dns, "sh").withFlags(EnumSet.of(ServiceFlag.SCHED2, ServiceFlag.ONE_PACKET));
        ServiceKey v6 = new ServiceKey.Address(IpvsProtocol.TCP, ip("2001:db8::1"), 443);
        return new IpvsTable(INFO, List.of(
                row(IpvsService.of(new ServiceKey.FirewallMark(7, IpFamily.IPV6), "wlc")),
                row(IpvsService.of(v6, "lc"), dest(IpvsDestination.of(ip("2001:db8::2"), 443, ForwardMethod.MASQ, 1))),
                row(IpvsService.of(new ServiceKey.FirewallMark(7, IpFamily.IPV4), "wlc")),
                row(dnsService),
                row(webService,
                        dest(IpvsDestination.of(ip("10.9.0.4"), 80, ForwardMethod.TUNNEL, 1)
                                .withTunnel(new TunnelOptions(TunnelOptions.Type.GUE, 6080, TunnelOptions.Checksum.CHECKSUM))),
                        dest(IpvsDestination.of(ip("10.9.0.3"), 80, ForwardMethod.MASQ, 0).withThresholds(10, 5)),
                        dest(IpvsDestination.of(ip("10.9.0.2"), 80, ForwardMethod.ROUTE, 1)))));
    }

    @Test
    void defaultListingMatchesIpvsadm() {
        assertEquals("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  10.9.0.100:80 rr persistent 600 mask 255.255.255.0
                  -> 10.9.0.2:80                  Route   1      0          0        \s
                  -> 10.9.0.3:80                  Masq    0      0          0        \s
                  -> 10.9.0.4:80                  Tunnel  1      0          0        \s
                UDP  10.9.0.100:53 sh (sh-port) ops
                TCP  [2001:db8::1]:443 lc
                  -> [2001:db8::2]:443            Masq    1      0          0        \s
                FWM  7 wlc
                FWM  7 IPv6 wlc
                """, new IpvsListing(ListingStyle.DEFAULT).format(labTable()));
    }

    @Test
    void statsListingMatchesIpvsadm() {
        assertEquals("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes
                  -> RemoteAddress:Port
                TCP  10.9.0.100:80                       0        0        0        0        0
                  -> 10.9.0.2:80                         0        0        0        0        0
                  -> 10.9.0.3:80                         0        0        0        0        0
                  -> 10.9.0.4:80                         0        0        0        0        0
                UDP  10.9.0.100:53                       0        0        0        0        0
                TCP  [2001:db8::1]:443                   0        0        0        0        0
                  -> [2001:db8::2]:443                   0        0        0        0        0
                FWM  7                                   0        0        0        0        0
                FWM  7 IPv6                              0        0        0        0        0
                """, new IpvsListing(ListingStyle.STATS).format(labTable()));
    }

    @Test
    void rateListingMatchesIpvsadm() {
        assertEquals("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS
                  -> RemoteAddress:Port
                TCP  10.9.0.100:80                       0        0        0        0        0
                  -> 10.9.0.2:80                         0        0        0        0        0
                  -> 10.9.0.3:80                         0        0        0        0        0
                  -> 10.9.0.4:80                         0        0        0        0        0
                UDP  10.9.0.100:53                       0        0        0        0        0
                TCP  [2001:db8::1]:443                   0        0        0        0        0
                  -> [2001:db8::2]:443                   0        0        0        0        0
                FWM  7                                   0        0        0        0        0
                FWM  7 IPv6                              0        0        0        0        0
                """, new IpvsListing(ListingStyle.RATE).format(labTable()));
    }

    @Test
    void thresholdsPersistentAndTunnelListingsMatchIpvsadm() {
        assertEquals("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn\s
                  -> RemoteAddress:Port
                TCP  10.9.0.100:80 rr persistent 600 mask 255.255.255.0
                  -> 10.9.0.2:80                  0          0          0          0        \s
                  -> 10.9.0.3:80                  10         5          0          0        \s
                  -> 10.9.0.4:80                  0          0          0          0        \s
                UDP  10.9.0.100:53 sh (sh-port) ops
                TCP  [2001:db8::1]:443 lc
                  -> [2001:db8::2]:443            0          0          0          0        \s
                FWM  7 wlc
                FWM  7 IPv6 wlc
                """, new IpvsListing(ListingStyle.THRESHOLDS).format(labTable()));
        assertEquals("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn\s
                  -> RemoteAddress:Port
                TCP  10.9.0.100:80 rr persistent 600 mask 255.255.255.0
                  -> 10.9.0.2:80                  1         0           0          0        \s
                  -> 10.9.0.3:80                  0         0           0          0        \s
                  -> 10.9.0.4:80                  1         0           0          0        \s
                UDP  10.9.0.100:53 sh (sh-port) ops
                TCP  [2001:db8::1]:443 lc
                  -> [2001:db8::2]:443            1         0           0          0        \s
                FWM  7 wlc
                FWM  7 IPv6 wlc
                """, new IpvsListing(ListingStyle.PERSISTENT_CONN).format(labTable()));
        assertEquals("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn
                TCP  10.9.0.100:80 rr persistent 600 mask 255.255.255.0
                  -> 10.9.0.2:80                  Route   n/a           1      0          0        \s
                  -> 10.9.0.3:80                  Masq    n/a           0      0          0        \s
                  -> 10.9.0.4:80                  Tunnel  gue:6080:+c   1      0          0        \s
                UDP  10.9.0.100:53 sh (sh-port) ops
                TCP  [2001:db8::1]:443 lc
                  -> [2001:db8::2]:443            Masq    n/a           1      0          0        \s
                FWM  7 wlc
                FWM  7 IPv6 wlc
                """, new IpvsListing(ListingStyle.TUN_INFO).format(labTable()));
    }

    @Test
    void largeCountersAreScaledUnlessExact() {
        // the five scales: < 10^8 as is, then K (< 10^9), M (< 10^11), G (< 10^14), T
        IpvsStats big = new IpvsStats(99_999_999L, 100_000_000L, 99_999_999_999L, 99_999_999_999_999L, -1L,
                0, 0, 0, 0, 0);
        IpvsTable table = new IpvsTable(INFO, List.of(new IpvsTable.Row(new IpvsServiceEntry(
                IpvsService.of(new ServiceKey.Address(IpvsProtocol.SCTP, ip("10.0.0.1"), 9), "rr"), big), List.of())));
        String[] scaled = new IpvsListing(ListingStyle.STATS).format(table).split("\n");
        assertEquals("SCTP 10.0.0.1:9                   99999999  100000K   99999M   99999G18446744T", scaled[3]);
        String[] exact = new IpvsListing(ListingStyle.STATS, true, true).format(table).split("\n");
        assertEquals("SCTP 10.0.0.1:9                   99999999 100000000 99999999999 99999999999999"
                + " 18446744073709551615", exact[3]);
    }

    @Test
    void servicesAndServersSortTheWayIpvsadmComparesThem() {
        // (int)(a - b) on 32-bit addresses wraps: 192.168.0.1 - 10.0.0.1 > 2^31, so it sorts first
        IpvsService service = IpvsService.of(new ServiceKey.Address(IpvsProtocol.TCP, ip("10.0.0.1"), 80), "wlc");
        IpvsTable table = new IpvsTable(INFO, List.of(
                row(IpvsService.of(new ServiceKey.Address(IpvsProtocol.TCP, ip("10.0.0.1"), 8080), "wlc")),
                row(IpvsService.of(new ServiceKey.Address(IpvsProtocol.TCP, ip("192.168.0.1"), 80), "wlc")),
                row(service,
                        dest(IpvsDestination.of(ip("10.0.0.3"), 80, ForwardMethod.ROUTE, 1)),
                        dest(IpvsDestination.of(ip("192.168.0.2"), 80, ForwardMethod.ROUTE, 1)),
                        dest(IpvsDestination.of(ip("10.0.0.2"), 80, ForwardMethod.ROUTE, 1)))));
        List<String> lines = new IpvsListing(ListingStyle.DEFAULT).format(table).lines().skip(3)
                .map(l -> l.replaceAll(" +", " ").strip()).toList();
        assertEquals(List.of("TCP 192.168.0.1:80 wlc", "TCP 10.0.0.1:80 wlc",
                "-> 192.168.0.2:80 Route 1 0 0", "-> 10.0.0.2:80 Route 1 0 0", "-> 10.0.0.3:80 Route 1 0 0",
                "TCP 10.0.0.1:8080 wlc"), lines);
        List<String> unsorted = new IpvsListing(ListingStyle.DEFAULT, false, false).format(table).lines().skip(3)
                .map(l -> l.replaceAll(" +", " ").strip()).toList();
        assertEquals("TCP 10.0.0.1:8080 wlc", unsorted.getFirst());
    }

    @Test
    void longIpv4NamesAreCutLikeIpvsadmAndIpv6FollowsInetNtop() {
        IpvsService service = IpvsService.of(new ServiceKey.Address(IpvsProtocol.SCTP, ip("255.255.255.255"), 65535), "rr")
                .withFlags(Set.of(ServiceFlag.SCHED1, ServiceFlag.SCHED3)).persistent(360).withPersistenceEngine("sip");
        IpvsTable table = new IpvsTable(INFO, List.of(row(service,
                dest(IpvsDestination.of(ip("255.255.255.254"), 65535, ForwardMethod.LOCAL, 65535)))));
        List<String> lines = new IpvsListing(ListingStyle.DEFAULT).format(table).lines().skip(3).toList();
        assertEquals("SCTP 255.255.255.255:65535 rr (flag-1,flag-3) persistent 360 pe sip", lines.get(0));
        assertEquals("  -> 255.255.255.254:65535        Local   65535  0          0         ", lines.get(1));

        assertEquals("::", AddressText.of(ip("::")));
        assertEquals("::1", AddressText.of(ip("::1")));
        assertEquals("2001:db8::1:0:0:1", AddressText.of(ip("2001:db8:0:0:1:0:0:1")));
        assertEquals("2001:0:1:1:1:1:1:1", AddressText.of(ip("2001:0:1:1:1:1:1:1")));
        assertEquals("fe80::", AddressText.of(ip("fe80::")));
        assertEquals("::10.1.2.3", AddressText.of(ip("::10.1.2.3")));
        assertEquals("[2001:db8::a]:8080", AddressText.withPort(ip("2001:DB8::A"), 8080));
    }

    @Test
    void daemonAndTimeoutListingsMatchIpvsadm() {
        SyncDaemon master = new SyncDaemon(SyncDaemon.State.MASTER, "eth0", 0, 1472,
                Optional.of(ip("224.0.0.81")), 8848, 1);
        SyncDaemon backup = new SyncDaemon(SyncDaemon.State.BACKUP, "eth0", 5, 1472,
                Optional.of(ip("224.0.0.81")), 8848, 1);
        assertEquals("""
                master sync daemon (mcast=eth0, syncid=0, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)
                backup sync daemon (mcast=eth0, syncid=5, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)
                """, IpvsListing.formatDaemons(List.of(backup, master)));
        assertEquals("", IpvsListing.formatDaemons(List.of()));
        assertEquals("backup sync daemon (mcast=eth1, syncid=9)\n",
                IpvsListing.formatDaemons(List.of(SyncDaemon.of(SyncDaemon.State.BACKUP, "eth1", 9))));
        assertEquals("Timeout (tcp tcpfin udp): 900 120 300\n", IpvsListing.formatTimeouts(new IpvsTimeouts(900, 120, 300)));
    }
}
