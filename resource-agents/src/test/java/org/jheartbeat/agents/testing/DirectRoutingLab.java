package org.jheartbeat.agents.testing;

import java.io.IOException;
import java.util.List;

/**
 * The classic LVS direct-routing layout in network namespaces: every node has {@code eth0} on one
 * bridge (in a switch namespace of its own) with an address of one /24. A director holds the
 * virtual IPs on {@code eth0}; a real server holds them on {@code lo} and neither answers nor
 * announces ARP for them, so the client's packets for a VIP reach the director, which forwards
 * them unchanged to a real server, which answers the client directly.
 */
public final class DirectRoutingLab implements AutoCloseable {

    private final NetnsLab lab;
    private final Namespace sw;
    private final List<String> vips;

    private DirectRoutingLab(NetnsLab lab, Namespace sw, List<String> vips) {
        this.lab = lab;
        this.sw = sw;
        this.vips = List.copyOf(vips);
    }

    /** The bridge and nothing else yet; skips the test unless it can run as root. */
    public static DirectRoutingLab create(List<String> vips) throws Exception {
        NetnsLab lab = NetnsLab.create();
        try {
            return new DirectRoutingLab(lab, lab.switchNamespace("sw"), vips);
        } catch (Exception e) {
            lab.close();
            throw e;
        }
    }

    public NetnsLab lab() {
        return lab;
    }

    public List<String> vips() {
        return vips;
    }

    /** A node on the bridge with {@code address}/24 on its {@code eth0} (a client, for example). */
    public Namespace node(String name, String address) throws Exception {
        Namespace ns = lab.namespace(name);
        lab.plug(ns, "eth0", sw);
        ns.ip("addr", "add", address + "/24", "dev", "eth0");
        return ns;
    }

    /** A node that also holds every VIP on {@code eth0}: the clients' packets for them come here. */
    public Namespace director(String name, String address) throws Exception {
        Namespace ns = node(name, address);
        for (String vip : vips) {
            ns.ip("addr", "add", vip + "/24", "dev", "eth0");
        }
        return ns;
    }

    /** A node that accepts packets for every VIP (on {@code lo}) but never claims them by ARP. */
    public Namespace realServer(String name, String address) throws Exception {
        Namespace ns = node(name, address);
        InNamespace.run(ns, "sysctl", "-qw", "net.ipv4.conf.all.arp_ignore=1", "net.ipv4.conf.all.arp_announce=2",
                "net.ipv4.conf.eth0.arp_ignore=1", "net.ipv4.conf.eth0.arp_announce=2");
        for (String vip : vips) {
            ns.ip("addr", "add", vip + "/32", "dev", "lo");
        }
        return ns;
    }

    @Override
    public void close() throws IOException {
        lab.close();
    }
}
