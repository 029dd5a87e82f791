package org.jheartbeat.agents.testing;

import java.io.IOException;

/**
 * The usual topology for address-agent tests: a switch namespace with a bridge, a director with
 * {@code eth0} (10.88.0.1/24, MAC 02:00:0a:58:00:01) and {@code eth1} (10.99.0.1/24, on the same
 * bridge), and a client with {@code eth0} (10.88.0.2/24).
 */
public final class DirectorLab implements AutoCloseable {

    public static final String DIRECTOR_MAC = "02:00:0a:58:00:01";

    private final NetnsLab lab;
    private final Namespace director;
    private final Namespace client;

    private DirectorLab(NetnsLab lab, Namespace director, Namespace client) {
        this.lab = lab;
        this.director = director;
        this.client = client;
    }

    /** Builds the topology; skips the test unless it can run as root. */
    public static DirectorLab create() throws Exception {
        NetnsLab lab = NetnsLab.create();
        try {
            Namespace sw = lab.switchNamespace("sw");
            Namespace director = lab.namespace("director");
            Namespace client = lab.namespace("client");
            lab.plug(director, "eth0", sw);
            lab.plug(director, "eth1", sw);
            lab.plug(client, "eth0", sw);
            director.ip("link", "set", "eth0", "address", DIRECTOR_MAC);
            director.ip("addr", "add", "10.88.0.1/24", "dev", "eth0");
            director.ip("addr", "add", "10.99.0.1/24", "dev", "eth1");
            client.ip("addr", "add", "10.88.0.2/24", "dev", "eth0");
            return new DirectorLab(lab, director, client);
        } catch (Exception e) {
            lab.close();
            throw e;
        }
    }

    public NetnsLab lab() {
        return lab;
    }

    public Namespace director() {
        return director;
    }

    public Namespace client() {
        return client;
    }

    @Override
    public void close() throws IOException {
        lab.close();
    }
}
