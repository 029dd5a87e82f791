package org.jheartbeat.cli.membership;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces for one test: a "switch" namespace holding bridges, and node namespaces
 * whose interfaces are veth pairs plugged into those bridges. Every name carries a per-run
 * prefix; {@link #close} deletes everything this lab created (even after a failure) and kills
 * only the processes it was given. Addresses are 10.88.B.N/24 (B = bridge number).
 */
public final class NetnsLab implements AutoCloseable {

    private final String prefix = "jm" + HexFormat.of().toHexDigits((byte) ThreadLocalRandom.current().nextInt())
            + HexFormat.of().toHexDigits((byte) ThreadLocalRandom.current().nextInt());
    private final String switchNs = prefix + "sw";
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private int bridges;

    public NetnsLab() throws IOException {
        addNamespace(switchNs);
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** A new bridge; returns its number B (its subnet is 10.88.B.0/24). */
    public int bridge() throws IOException {
        int b = ++bridges;
        run("ip", "-n", switchNs, "link", "add", "br" + b, "type", "bridge");
        run("ip", "-n", switchNs, "link", "set", "br" + b, "up");
        return b;
    }

    /** The namespace name of node {@code node} (created on first use). */
    public String namespace(String node) throws IOException {
        String ns = prefix + node;
        if (!namespaces.contains(ns)) {
            addNamespace(ns);
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        return ns;
    }

    /** Gives {@code node} interface {@code ifName} on bridge {@code b} with address 10.88.B.{@code host}/24. */
    public String plug(String node, String ifName, int b, int host) throws IOException {
        String ns = namespace(node);
        String outside = prefix + node + ifName;
        if (outside.length() > 15) {
            throw new IllegalArgumentException("interface name too long: " + outside);
        }
        run("ip", "link", "add", outside, "netns", switchNs, "type", "veth", "peer", "name", ifName, "netns", ns);
        run("ip", "-n", switchNs, "link", "set", outside, "master", "br" + b, "up");
        String address = "10.88." + b + "." + host;
        run("ip", "-n", ns, "addr", "add", address + "/24", "brd", "+", "dev", ifName);
        run("ip", "-n", ns, "link", "set", ifName, "up");
        return address;
    }

    /** Puts address 10.88.B.{@code host} on the bridge itself (a pingable gateway). */
    public String bridgeAddress(int b, int host) throws IOException {
        String address = "10.88." + b + "." + host;
        run("ip", "-n", switchNs, "addr", "add", address + "/24", "dev", "br" + b);
        return address;
    }

    public void removeBridgeAddress(int b, int host) throws IOException {
        run("ip", "-n", switchNs, "addr", "del", "10.88." + b + "." + host + "/24", "dev", "br" + b);
    }

    public void linkDown(String node, String ifName) throws IOException {
        run("ip", "-n", namespace(node), "link", "set", ifName, "down");
    }

    public void linkUp(String node, String ifName) throws IOException {
        run("ip", "-n", namespace(node), "link", "set", ifName, "up");
    }

    /** Remembers a process to kill (by its PID) when the lab closes. */
    public <P extends Process> P own(P process) {
        processes.add(process);
        return process;
    }

    private void addNamespace(String ns) throws IOException {
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
    }

    public static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command));
        }
        return output;
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : namespaces.reversed()) {
            try {
                run("ip", "netns", "del", ns);
            } catch (IOException e) {
                System.err.println("could not delete namespace " + ns + ": " + e.getMessage());
            }
        }
    }
}
