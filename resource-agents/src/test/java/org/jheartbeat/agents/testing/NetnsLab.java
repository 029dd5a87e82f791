package org.jheartbeat.agents.testing;

import org.jheartbeat.agents.kernel.NetworkNamespace;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces for one test (or test class), named {@code jhbt-<random>-<name>} so that
 * parallel runs never collide, joined by veth pairs to bridges that live in a namespace of their
 * own: nothing in the root namespace is created or changed. {@link #close()} deletes every
 * namespace it created (and with them their interfaces), also after a failed test.
 *
 * <p>Set-up uses the {@code ip} tool; code under test runs inside a namespace through
 * {@link Namespace#call}. Construct with {@link #create()}, which skips the test (with the reason)
 * when not running as root or without {@code ip}.
 */
public final class NetnsLab implements AutoCloseable {

    private static final Path IP = findIp();

    private final String prefix;
    private final Deque<Namespace> namespaces = new ArrayDeque<>();
    private int nextPort;

    /** Deletes what is left if the JVM exits without {@link #close()} (a killed test run). */
    private final Thread cleanupAtExit = new Thread(this::deleteQuietly, "netns-lab-cleanup");

    private NetnsLab(String prefix) {
        this.prefix = prefix;
        Runtime.getRuntime().addShutdownHook(cleanupAtExit);
    }

    private void deleteQuietly() {
        try {
            deleteAll();
        } catch (IOException e) {
            System.err.println("netns lab " + prefix + ": " + e.getMessage());
        }
    }

    /** A new lab; skips the calling test unless it runs as root on Linux with iproute2 installed. */
    public static NetnsLab create() {
        assumeNetnsCapable();
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return new NetnsLab("jhbt-" + HexFormat.of().formatHex(random) + "-");
    }

    /** Skips the calling test, saying why, unless network namespaces can be created here. */
    public static void assumeNetnsCapable() {
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase().contains("linux"),
                "network-namespace test skipped: needs Linux");
        Assumptions.assumeTrue(isRoot(), "network-namespace test skipped: needs root (CAP_SYS_ADMIN, CAP_NET_ADMIN, CAP_NET_RAW)");
        Assumptions.assumeTrue(IP != null, "network-namespace test skipped: the 'ip' tool (iproute2) is not installed");
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .map(line -> line.split("\\s+")[2])
                    .anyMatch("0"::equals);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path findIp() {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            Path candidate = Path.of(dir, "ip");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** {@code jhbt-1a2b3c-}: every namespace of this lab starts with it. */
    public String prefix() {
        return prefix;
    }

    /** Creates namespace {@code prefix + shortName} with {@code lo} up, and a thread inside it. */
    public synchronized Namespace namespace(String shortName) throws Exception {
        String name = prefix + shortName;
        run(IP.toString(), "netns", "add", name);
        Namespace namespace;
        try {
            namespace = new Namespace(name, NetworkNamespace.enter(name));
        } catch (Exception e) {
            run(IP.toString(), "netns", "delete", name);
            throw e;
        }
        namespaces.push(namespace);
        namespace.ip("link", "set", "lo", "up");
        return namespace;
    }

    /** A namespace holding a bridge {@code br0} that is up: the "switch" between other namespaces. */
    public Namespace switchNamespace(String shortName) throws Exception {
        Namespace sw = namespace(shortName);
        sw.ip("link", "add", "br0", "type", "bridge");
        sw.ip("link", "set", "br0", "up");
        return sw;
    }

    /**
     * Plugs {@code host} into the bridge of {@code sw} with a veth pair whose end in {@code host}
     * is called {@code ifname} and is up (addresses are the test's business).
     */
    public void plug(Namespace host, String ifname, Namespace sw) throws Exception {
        String port = "p" + (nextPort++);
        sw.ip("link", "add", port, "type", "veth", "peer", "name", ifname, "netns", host.name());
        sw.ip("link", "set", port, "master", "br0");
        sw.ip("link", "set", port, "up");
        host.ip("link", "set", ifname, "up");
    }

    /** Deletes every namespace this lab created, newest first; reports the first failure after trying all. */
    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupAtExit);
        } catch (IllegalStateException exiting) {
            // The JVM is already shutting down; the hook does the work.
            return;
        }
        deleteAll();
    }

    private synchronized void deleteAll() throws IOException {
        List<String> failures = new ArrayList<>();
        while (!namespaces.isEmpty()) {
            Namespace namespace = namespaces.pop();
            namespace.thread().close();
            try {
                run(IP.toString(), "netns", "delete", namespace.name());
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException("could not delete namespaces: " + failures);
        }
    }

    /** Runs a set-up command to completion; fails with its output when it exits non-zero. */
    public static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": did not finish in 20 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + ": interrupted", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + output.strip());
        }
        return output;
    }

    static String ipTool() {
        return IP.toString();
    }
}
